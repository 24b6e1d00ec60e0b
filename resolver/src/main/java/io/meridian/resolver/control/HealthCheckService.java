package io.meridian.resolver.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meridian.resolver.store.ZoneStore;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Health checks as Route 53 keeps them (ROUTE53.md §1.10): created idempotently by
 * CallerReference, versioned, listed and deleted. Stored as JSON in the store's health-check map.
 */
public final class HealthCheckService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZoneStore store;
    private volatile ControlLimits limits;
    private final java.util.function.IntPredicate intervalAllowed;
    /** Creates, updates and deletes so far: what the prober polls to know when to read the checks again. */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    /** @param intervalAllowed which RequestInterval values are taken (10 and 30, and lower ones the operator allowed) */
    public HealthCheckService(ZoneStore store, ControlLimits limits, java.util.function.IntPredicate intervalAllowed) {
        this.store = store;
        this.limits = limits;
        this.intervalAllowed = intervalAllowed;
    }

    /** New quotas (a reload of the configuration); checks from now on use them. */
    public void limits(ControlLimits next) {
        this.limits = next;
    }

    /**
     * How many times the stored checks have changed since start, counted after each write: a
     * reader that sees the count move reads {@link #list} again (this service is the checks' one
     * writer, so no other process changes them under it).
     */
    public long writes() {
        return writes.get();
    }

    /** A stored health check. */
    public record HealthCheck(String id, String callerReference, long version, HealthCheckConfig config) {
    }

    /**
     * CreateHealthCheck. The same CallerReference with the same configuration returns the check
     * created before; with another configuration it is HealthCheckAlreadyExists.
     */
    public synchronized HealthCheck create(String callerReference, HealthCheckConfig config) throws ControlException {
        if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 64) {
            throw new ControlException("InvalidInput", "CallerReference must be 1 to 64 characters long");
        }
        HealthCheckConfig valid = config.validated(intervalAllowed);
        List<HealthCheck> all = list();
        for (HealthCheck existing : all) {
            if (existing.callerReference().equals(callerReference)) {
                if (existing.config().equals(valid)) {
                    return existing;
                }
                throw new ControlException("HealthCheckAlreadyExists", "A health check with caller reference "
                        + callerReference + " already exists with a different configuration: " + existing.id());
            }
        }
        if ("CALCULATED".equals(valid.type())) {
            for (String child : valid.childHealthChecks()) {
                HealthCheck c = get(child).orElseThrow(() -> new ControlException("NoSuchHealthCheck",
                        "No health check exists with the ID " + child));
                if ("CALCULATED".equals(c.config().type())) {
                    throw new ControlException("InvalidInput", "A CALCULATED health check cannot have CALCULATED children: " + child);
                }
            }
        }
        if (all.size() >= limits.healthChecks()) {
            throw new ControlException("TooManyHealthChecks", "This appliance holds at most " + limits.healthChecks()
                    + " health checks (limits.healthChecks)");
        }
        HealthCheck check = new HealthCheck(UUID.randomUUID().toString(), callerReference, 1, valid);
        store.healthChecks().put(check.id(), json(check));
        writes.incrementAndGet();
        return check;
    }

    public Optional<HealthCheck> get(String id) {
        return Optional.ofNullable(store.healthChecks().get(id)).map(HealthCheckService::parse);
    }

    public HealthCheck require(String id) throws ControlException {
        return get(id).orElseThrow(() -> new ControlException("NoSuchHealthCheck", "No health check exists with the ID " + id));
    }

    /** Every health check, in Id order (ListHealthChecks pages over this). */
    public List<HealthCheck> list() {
        return store.healthChecks().values().stream().map(HealthCheckService::parse).sorted(Comparator.comparing(HealthCheck::id)).toList();
    }

    /**
     * UpdateHealthCheck (ROUTE53.md §1.8): fields given replace the stored ones, {@code reset}
     * clears FullyQualifiedDomainName, Regions, ResourcePath or ChildHealthChecks; Type,
     * RequestInterval and MeasureLatency never change and an IPAddress cannot be added or removed.
     * A given {@code expectedVersion} must match (HealthCheckVersionMismatch); the version then grows by one.
     */
    public synchronized HealthCheck update(String id, Long expectedVersion, HealthCheckConfig changes, List<String> reset)
            throws ControlException {
        HealthCheck current = require(id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ControlException("HealthCheckVersionMismatch", "The value of HealthCheckVersion in the request ("
                    + expectedVersion + ") doesn't match the value of HealthCheckVersion in the health check (" + current.version() + ").");
        }
        HealthCheckConfig c = current.config();
        if ((c.ipAddress() == null) != (changes.ipAddress() == null) && changes.ipAddress() != null) {
            throw new ControlException("InvalidInput", "An IPAddress cannot be added to a health check created without one");
        }
        for (String field : reset) {
            if (!List.of("FullyQualifiedDomainName", "Regions", "ResourcePath", "ChildHealthChecks").contains(field)) {
                throw new ControlException("InvalidInput", "ResetElements takes FullyQualifiedDomainName, Regions, ResourcePath"
                        + " or ChildHealthChecks, not " + field);
            }
        }
        HealthCheckConfig merged = new HealthCheckConfig(c.type(),
                pick(changes.ipAddress(), c.ipAddress()),
                pick(changes.port(), c.port()),
                reset.contains("ResourcePath") ? null : pick(changes.resourcePath(), c.resourcePath()),
                reset.contains("FullyQualifiedDomainName") ? null : pick(changes.fullyQualifiedDomainName(), c.fullyQualifiedDomainName()),
                pick(changes.searchString(), c.searchString()),
                c.requestInterval(),
                changes.failureThreshold() > 0 ? changes.failureThreshold() : c.failureThreshold(),
                c.measureLatency(),
                changes.inverted(), changes.disabled(),
                pick(changes.healthThreshold(), c.healthThreshold()),
                reset.contains("ChildHealthChecks") ? List.of()
                        : changes.childHealthChecks().isEmpty() ? c.childHealthChecks() : changes.childHealthChecks(),
                pick(changes.enableSni(), c.enableSni()),
                reset.contains("Regions") ? List.of() : changes.regions().isEmpty() ? c.regions() : changes.regions());
        HealthCheck updated = new HealthCheck(id, current.callerReference(), current.version() + 1, merged.validated(interval -> true));
        store.healthChecks().put(id, json(updated));
        writes.incrementAndGet();
        return updated;
    }

    private static <T> T pick(T given, T current) {
        return given != null ? given : current;
    }

    /** DeleteHealthCheck; as in Route 53, record sets that name it do not block the delete. */
    public synchronized void delete(String id) throws ControlException {
        require(id);
        store.healthChecks().remove(id);
        writes.incrementAndGet();
        store.setTags("healthcheck/" + id, java.util.Map.of());
    }

    private static byte[] json(HealthCheck check) {
        try {
            return JSON.writeValueAsBytes(check);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a health check did not serialize", e);
        }
    }

    private static HealthCheck parse(byte[] bytes) {
        try {
            return JSON.readValue(bytes, HealthCheck.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored health check is damaged: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
