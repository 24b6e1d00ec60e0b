package io.meridian.resolver.control;

import io.meridian.resolver.geo.GeoView;
import io.meridian.resolver.store.HostedZoneIdentity;
import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.zone.HealthSlots;
import io.meridian.resolver.zone.HealthStatus;
import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RecordsByOwner;
import io.meridian.resolver.zone.RoutingContext;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ServingView;
import io.meridian.resolver.zone.ServingZone;
import io.meridian.resolver.zone.ZoneCompiler;
import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneException;
import io.meridian.resolver.zone.ZoneExporter;
import io.meridian.resolver.zone.ZoneFileParser;
import io.meridian.resolver.zone.ZoneImage;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.time.Instant;

/**
 * Zones as every face sees them (CLI, API, dashboard): import, export, list, delete. The only
 * writer of the zone store; keeps the serving view in step with it, including changes made by
 * another process on the same data directory (see {@link #syncFromStore}).
 */
public final class ZoneService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ZoneService.class);
    private static final long JOURNAL_BOUND = 64L << 20;
    private final ZoneStore store;
    private final ServingView view;
    private volatile ControlLimits limits;
    /** By lower-case origin, as {@link ZoneStore#generations} names zones (a zone file may write its origin in any case). */
    private final Map<String, Long> servedGenerations = new HashMap<>();
    /** Origin -> what its record sets refer to outside the zone, noted as each zone is served. */
    private final Map<String, References> references = new ConcurrentHashMap<>();

    private final HealthSlots health;
    private final GeoView geo;
    /** Writes a changed zone's names while the caller compiles it; its thread ends when idle. */
    private final java.util.concurrent.ExecutorService storeWriter = new java.util.concurrent.ThreadPoolExecutor(0, 1,
            10, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), task -> {
                Thread t = new Thread(task, "zone-store-writer");
                t.setDaemon(true);
                return t;
            });

    public ZoneService(ZoneStore store, ServingView view, ControlLimits limits) {
        this(store, view, limits, HealthSlots.NONE);
    }

    /** @param health the table health checks write and routed answers read */
    public ZoneService(ZoneStore store, ServingView view, ControlLimits limits, HealthSlots health) {
        this(store, view, limits, health, RoutingContext.NO_GEO);
    }

    /** @param geo where clients are; compiled zones read it at query time, so a reload needs no recompile */
    public ZoneService(ZoneStore store, ServingView view, ControlLimits limits, HealthSlots health, GeoView geo) {
        this.store = store;
        this.view = view;
        this.limits = limits;
        this.health = health;
        this.geo = geo;
    }

    /** New quotas (a reload of the configuration); checks from now on use them. */
    public void limits(ControlLimits next) {
        this.limits = next;
    }

    /** What compiling routed sets needs: health slots, and CIDR blocks as stored now. */
    private RoutingContext routing() {
        return new RoutingContext() {
            @Override
            public int healthSlot(String checkId) {
                return health.slot(checkId);
            }

            @Override
            public HealthStatus health() {
                return health;
            }

            @Override
            public GeoView geo() {
                return geo;
            }

            @Override
            public List<String> cidrBlocks(String collectionId, String location) {
                return cidrCollection(collectionId).map(c -> c.locations().getOrDefault(location, List.of())).orElse(List.of());
            }
        };
    }

    /** A CIDR collection as stored now (read only: no limits or in-use checks apply to reading). */
    private Optional<CidrCollectionService.CidrCollection> cidrCollection(String id) {
        return new CidrCollectionService(store.cidrCollections(), limits, r -> false).get(id);
    }

    /** Recompiles the zones whose record sets route on a CIDR collection that just changed. */
    public synchronized void cidrCollectionChanged(String collectionId) throws ZoneException {
        for (Map.Entry<String, References> e : references.entrySet()) {
            if (e.getValue().cidrLocations().stream().anyMatch(r -> r.startsWith(collectionId + "/"))) {
                Optional<ZoneContent> zone = store.get(parseName(e.getKey()));
                if (zone.isPresent()) {
                    view.publish(ZoneCompiler.compile(zone.get(), routing()));
                }
            }
        }
    }

    /**
     * Parses, validates and compiles the file, then replaces the zone's records with it: all or
     * nothing. Routed record sets made through the API stay, unless the file now holds the same
     * name and type (or a CNAME beside them): then the import is refused, so nothing is lost unasked.
     */
    public synchronized ZoneSummary importFile(Path file, String origin) throws ZoneException {
        return importParsed(parseFile(file, origin), file.toString());
    }

    /**
     * The first half of {@link #importFile}: reads and validates the file, touching no store (so a
     * caller may open the store meanwhile).
     */
    public static ZoneContent parseFile(Path file, String origin) throws ZoneException {
        return ZoneFileParser.parse(file, origin == null ? null : parseName(origin));
    }

    /** The second half of {@link #importFile}: {@code parsed} from {@link #parseFile}, {@code source} what it was read from. */
    public synchronized ZoneSummary importParsed(ZoneContent parsed, String source) throws ZoneException {
        return replaceRecords(parsed, source);
    }

    /**
     * {@link #importFile} for a zone file's text (the dashboard's upload; $INCLUDE refused).
     *
     * @param source what error messages call the text
     */
    public synchronized ZoneSummary importText(String text, String source, String origin) throws ZoneException {
        return replaceRecords(ZoneFileParser.parse(text, source, origin == null ? null : parseName(origin)), source);
    }

    private ZoneSummary replaceRecords(ZoneContent parsed, String source) throws ZoneException {
        Optional<ZoneStore.ZoneMeta> current = store.meta(parsed.origin());
        List<RecordSet> routed = store.routed(parsed.origin());
        // One pass over the file's records, not one per routed set: a big zone may have both.
        Map<Name, List<RecordSet>> routedByName = new HashMap<>();
        routed.forEach(s -> routedByName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
        if (!routedByName.isEmpty()) {
            for (Record r : parsed.records()) {
                for (RecordSet s : routedByName.getOrDefault(r.getName(), List.of())) {
                    if (r.getType() == s.type() || r.getType() == Type.CNAME || s.type() == Type.CNAME) {
                        throw new ZoneException(source + ": " + r.getName() + " " + Type.string(r.getType()) + " clashes with the routed"
                                + " record set " + s.name() + " " + Type.string(s.type())
                                + (s.setIdentifier() == null ? "" : " (SetIdentifier " + s.setIdentifier() + ")")
                                + " made through the API or the dashboard; delete that record set first");
                    }
                }
            }
        }
        ZoneContent zone = new ZoneContent(parsed.origin(), parsed.records(), routed);
        // A zone keeps its hosted zone Id across imports; a new one gets an identity of its own.
        HostedZoneIdentity identity = current.isPresent() ? current.get().identity()
                : HostedZoneIdentity.create("meridian-zone-import-" + UUID.randomUUID(), "");
        return storeAndServe(zone, identity, current.map(ZoneStore.ZoneMeta::lastChange).orElse(""));
    }

    /**
     * The one way a changed zone goes live: compiled, and its names stored under a new generation
     * meanwhile (on the store writer thread: the two are independent until the switch, and a
     * million-name zone spends seconds on each); the serving image written once compiled; then the
     * store switched to the new generation and the zone published to the serving view. A zone that
     * cannot be compiled (so cannot be served) is never stored: its new names are dropped.
     */
    private ZoneSummary storeAndServe(ZoneContent zone, HostedZoneIdentity identity, String lastChange) throws ZoneException {
        List<RecordsByOwner.Owner> owners = RecordsByOwner.of(zone.records());
        ZoneStore.Replacement replacement = store.replace(zone, owners, identity, lastChange);
        java.util.concurrent.Future<?> writing = storeWriter.submit(replacement::write);
        ServingZone compiled;
        java.nio.file.Path image = null;
        try {
            compiled = ZoneCompiler.compile(zone, owners, routing());
            image = prepareImage(zone, compiled, replacement.stamp());
            await(writing);
        } catch (ZoneException | RuntimeException | Error e) {
            awaitQuietly(writing);
            replacement.discard();
            deleteQuietly(image);
            throw e;
        }
        replacement.commit();
        ZoneStore.ZoneMeta meta = store.meta(zone.origin()).orElseThrow();
        serve(zone, compiled, meta.generation());
        publishImage(zone, image);
        return summary(compiled.origin(), meta);
    }

    private static void await(java.util.concurrent.Future<?> task) throws ZoneException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZoneException("interrupted while storing the zone", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new ZoneException("storing the zone failed: " + e.getCause(), e.getCause());
        }
    }

    /** Waits for {@code task} to end however it ends (so nothing is still writing what the caller drops next). */
    private static void awaitQuietly(java.util.concurrent.Future<?> task) {
        boolean interrupted = false;
        while (!task.isDone()) {
            try {
                task.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            if (file != null) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.getMessage());
        }
    }

    /**
     * Persists the compiled view so the next start maps it instead of compiling (see {@link ZoneImage}).
     * A cache: if it cannot be written, the next start compiles from the store as it always could.
     */
    private void saveImage(ZoneContent zone, ServingZone compiled, byte[] stamp) {
        publishImage(zone, prepareImage(zone, compiled, stamp));
    }

    /** Puts a prepared serving image (null: none was written) in place of the zone's current one. */
    private void publishImage(ZoneContent zone, java.nio.file.Path image) {
        if (image != null) {
            try {
                store.publishImage(zone.origin(), image);
            } catch (IOException e) {
                LOG.warn("could not put the serving image of {} in place ({}); the next start compiles it from the store", zone.origin(), e.toString());
                deleteQuietly(image);
            }
        }
    }

    /** The serving image in a temporary file (see {@link ZoneStore#prepareImage}), or null if it could not be written. */
    private java.nio.file.Path prepareImage(ZoneContent zone, ServingZone compiled, byte[] stamp) {
        List<Name> routedOwners = zone.routed().stream().map(RecordSet::name).distinct().toList();
        try {
            return store.prepareImage(zone.origin(), out -> ZoneImage.write(compiled, stamp, routedOwners, out));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the serving image of {} ({}); the next start compiles it from the store", zone.origin(), e.toString());
            return null;
        }
    }

    /**
     * Serves a zone from its serving image, if it has one made from the store state it is in now;
     * its routed record sets (a few names, listed in the image) are read from the store and compiled
     * here. False when there is no usable image (the caller compiles from the store).
     */
    private boolean serveImage(Name origin, long generation) {
        try {
            Optional<byte[]> stamp = store.imageStamp(origin);
            Optional<java.nio.ByteBuffer> image = store.image(origin);
            if (stamp.isEmpty() || image.isEmpty()) {
                return false;
            }
            ZoneImage.Loaded loaded = ZoneImage.read(image.get(), stamp.get());
            List<RecordSet> routed = new ArrayList<>();
            for (Name owner : loaded.routedOwners()) {
                routed.addAll(store.routedAt(origin, owner));
            }
            if (!java.util.Arrays.equals(stamp.get(), store.imageStamp(origin).orElse(null))) {
                return false; // changed while we read it
            }
            ServingZone zone = ZoneImage.withRouted(loaded.zone(), routed, routing());
            serve(new ZoneContent(origin, List.of(), routed), zone, generation);
            return true;
        } catch (ZoneImage.Unusable | IOException | ZoneException | RuntimeException e) {
            LOG.info("not using the serving image of {} ({}); compiling it from the store", origin, e.getMessage());
            return false;
        }
    }

    private void serve(ZoneContent zone, ServingZone compiled, long generation) {
        view.publish(compiled);
        servedGenerations.put(key(compiled.origin()), generation);
        Set<String> cidr = new HashSet<>();
        List<HealthCheckedSet> checked = new ArrayList<>();
        for (RecordSet s : zone.routed()) {
            if (s.routing() instanceof RoutingPolicy.IpBased c) {
                cidr.add(c.collectionId() + "/" + c.locationName());
            }
            if (s.healthCheckId() != null) {
                checked.add(new HealthCheckedSet(compiled.origin(), ResourceRecordSet.of(s)));
            }
        }
        references.put(key(compiled.origin()), new References(cidr, checked));
    }

    /**
     * What a zone's record sets name outside it: the CIDR locations they route on
     * ("collectionId/location") and the record sets that carry a HealthCheckId.
     */
    private record References(Set<String> cidrLocations, List<HealthCheckedSet> healthChecked) {
    }

    /** A record set whose answers follow a health check: the zone it is in, and the set as the API lists it. */
    public record HealthCheckedSet(String zone, ResourceRecordSet recordSet) {
    }

    /** Whether any record set routes on "collectionId/location", or on any location of "collectionId/". */
    public boolean cidrInUse(String reference) {
        return references.values().stream().flatMap(r -> r.cidrLocations().stream())
                .anyMatch(r -> reference.endsWith("/") ? r.startsWith(reference) : r.equals(reference));
    }

    /**
     * Every served record set whose HealthCheckId is {@code healthCheckId}, by zone and then in
     * Route 53's order: what changes when that check's status does.
     */
    public List<HealthCheckedSet> recordSetsWithHealthCheck(String healthCheckId) {
        return references.values().stream().flatMap(r -> r.healthChecked().stream())
                .filter(s -> healthCheckId.equals(s.recordSet().healthCheckId()))
                .sorted(Comparator.comparing(HealthCheckedSet::zone).thenComparing(HealthCheckedSet::recordSet, ResourceRecordSet.ORDER))
                .toList();
    }

    /**
     * CreateHostedZone: a new zone with Route 53's default SOA and NS records (ROUTE53.md §1.13),
     * the NS naming {@code nameServers}. A CallerReference used before, or a name already hosted
     * here, is refused; nothing is stored then.
     */
    public synchronized ZoneSummary createHostedZone(String name, String callerReference, String comment,
                                                     List<String> nameServers) throws ControlException, ZoneException {
        if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 128) {
            throw new ControlException("InvalidInput", "CallerReference must be 1 to 128 characters long");
        }
        if (comment != null && comment.length() > 256) {
            throw new ControlException("InvalidInput", "The comment must be at most 256 characters long");
        }
        Name origin;
        try {
            origin = parseName(name);
        } catch (ZoneException e) {
            throw new ControlException("InvalidDomainName", name + " is not a valid domain name");
        }
        if (origin.labels() < 2) {
            throw new ControlException("InvalidDomainName", "The root zone cannot be hosted here");
        }
        List<ZoneSummary> all = list();
        for (ZoneSummary z : all) {
            if (z.callerReference().equals(callerReference)) {
                throw new ControlException("HostedZoneAlreadyExists",
                        "A hosted zone has already been created with the specified caller reference: " + z.id());
            }
            if (z.origin().equalsIgnoreCase(origin.toString())) {
                throw new ControlException("ConflictingDomainExists",
                        "The zone " + origin + " is already hosted on this appliance as " + z.id());
            }
        }
        if (all.size() >= limits.hostedZones()) {
            throw new ControlException("TooManyHostedZones", "This appliance holds at most " + limits.hostedZones()
                    + " hosted zones (limits.hostedZones)");
        }
        return storeAndServe(DefaultRecords.forNewZone(origin, nameServers),
                HostedZoneIdentity.create(callerReference, comment == null ? "" : comment), "");
    }

    /** UpdateHostedZoneComment: a new comment (at most 256 characters) for the zone. */
    public synchronized ZoneSummary updateComment(String id, String comment) throws ControlException, ZoneException {
        ZoneSummary z = requireZone(id);
        String text = comment == null ? "" : comment;
        if (text.length() > 256) {
            throw new ControlException("InvalidInput", "The comment must be at most 256 characters long");
        }
        Name origin = parseName(z.origin());
        store.updateIdentity(origin, new HostedZoneIdentity(z.id(), z.callerReference(), text));
        return summary(z.origin(), store.meta(origin).orElseThrow());
    }

    /** DeleteHostedZone: only a zone holding nothing but its apex SOA and NS may go (ROUTE53.md §1.8). */
    public synchronized void deleteHostedZone(String id) throws ControlException, ZoneException {
        ZoneSummary z = requireZone(id);
        Name origin = parseName(z.origin());
        // Every record is at the apex and is SOA or NS exactly when the apex's SOA and NS are all there is.
        List<Record> apex = store.recordsAt(origin, origin);
        boolean onlyApexSoaNs = apex.size() == z.records()
                && apex.stream().allMatch(r -> r.getType() == Type.SOA || r.getType() == Type.NS);
        if (!onlyApexSoaNs) {
            throw new ControlException("HostedZoneNotEmpty",
                    "The hosted zone contains resource records that are not SOA or NS records.");
        }
        delete(z.origin());
        store.setTags("hostedzone/" + z.id(), Map.of());
    }

    /**
     * ChangeResourceRecordSets: the batch is applied to the stored zone in order and whole, written
     * to the journal (forced to disk), then stored and served like an import (atomic, generation
     * switch). It is acknowledged only after all of that.
     */
    public synchronized ChangeInfo changeRecordSets(String zoneId, List<RecordSetChange> changes, Instant submitted)
            throws ControlException, ZoneException {
        ZoneSummary z = requireZone(zoneId);
        ChangeInfo change = new ChangeInfo(HostedZoneIdentity.randomId('C'), submitted);
        ZoneContent changed = applyBatch(z, changes);
        store.journal().append(new JournaledBatch(change.id(), z.id(), submitted.toEpochMilli(), changes).encode());
        storeAndServe(changed, store.meta(changed.origin()).orElseThrow().identity(), change.id());
        store.recordChange(change.id(), submitted);
        trimJournal();
        return change;
    }

    /** Every journaled batch is in the maps between batches; a journal past its bound starts over then. */
    private void trimJournal() {
        try {
            if (store.journal().size() > JOURNAL_BOUND) {
                store.journal().clear();
            }
        } catch (java.io.IOException e) {
            LOG.warn("could not trim the change journal: {}", e.getMessage());
        }
    }

    private ZoneContent applyBatch(ZoneSummary z, List<RecordSetChange> changes) throws ControlException, ZoneException {
        return ChangeBatch.apply(store.get(parseName(z.origin())).orElseThrow(), z.id(), changes, limits, batchContext());
    }

    /**
     * Applies the journaled batches the maps do not hold yet (a crash came between the journal
     * write and the generation switch), then empties the journal. A zone's meta names the last
     * batch it holds; the journal is in order, so every later entry for that zone is replayed.
     */
    public synchronized int recoverJournal() throws ZoneException {
        List<JournaledBatch> entries = new java.util.ArrayList<>();
        try {
            for (byte[] raw : store.journal().entries()) {
                entries.add(JournaledBatch.decode(raw));
            }
        } catch (java.io.IOException e) {
            throw new ZoneException("the change journal cannot be read: " + e.getMessage(), e);
        }
        // Per zone, the journal position of the last batch its maps hold; entries after it are replayed.
        Map<String, Integer> held = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JournaledBatch e = entries.get(i);
            Optional<ZoneStore.ZoneMeta> meta = hostedZone(e.zoneId()).flatMap(z -> store.meta(parseNameUnchecked(z.origin())));
            if (meta.isPresent() && e.changeId().equals(meta.get().lastChange())) {
                held.put(e.zoneId(), i);
            }
        }
        int replayed = 0;
        for (int i = 0; i < entries.size(); i++) {
            JournaledBatch e = entries.get(i);
            Optional<ZoneSummary> z = hostedZone(e.zoneId());
            if (z.isEmpty()) {
                LOG.warn("journaled change {} is for hosted zone {}, which no longer exists; skipped", e.changeId(), e.zoneId());
                continue;
            }
            if (i <= held.getOrDefault(e.zoneId(), -1)) {
                continue;
            }
            try {
                ZoneContent changed = applyBatch(z.get(), e.changes());
                storeAndServe(changed, store.meta(changed.origin()).orElseThrow().identity(), e.changeId());
                store.recordChange(e.changeId(), Instant.ofEpochMilli(e.submittedMillis()));
                replayed++;
            } catch (ControlException refused) {
                LOG.error("journaled change {} for {} no longer applies and is dropped: {}", e.changeId(), e.zoneId(),
                        refused.getMessage());
            }
        }
        try {
            store.journal().clear();
        } catch (java.io.IOException e) {
            throw new ZoneException("the change journal cannot be emptied: " + e.getMessage(), e);
        }
        return replayed;
    }

    private static Name parseNameUnchecked(String origin) {
        try {
            return parseName(origin);
        } catch (ZoneException e) {
            throw new IllegalStateException(e);
        }
    }

    private BatchContext batchContext() {
        return new BatchContext() {
            @Override
            public boolean healthCheckExists(String id) {
                return store.healthChecks().get(id) != null;
            }

            @Override
            public Set<String> cidrLocations(String collectionId) {
                return cidrCollection(collectionId).map(c -> c.locations().keySet()).orElse(null);
            }

            @Override
            public Name zoneOrigin(String hostedZoneId) {
                return hostedZone(hostedZoneId).map(z -> parseNameUnchecked(z.origin())).orElse(null);
            }

            @Override
            public boolean recordSetExists(Name origin, Name name, int type) {
                try {
                    return store.recordsAt(origin, name).stream().anyMatch(r -> r.getType() == type)
                            || store.routedAt(origin, name).stream().anyMatch(r -> r.type() == type);
                } catch (ZoneException e) {
                    return false;
                }
            }
        };
    }

    /** TestDNSAnswer: what the data plane answers for a name and type in the zone (ROUTE53.md §1.8). */
    public TestAnswer testDnsAnswer(String zoneId, String recordName, String recordType) throws ControlException {
        return testDnsAnswer(zoneId, recordName, recordType, null, null, null);
    }

    /** TestDNSAnswer as asked by {@code resolverIp} for the client subnet {@code subnetIp}/{@code subnetMask} (all optional). */
    public TestAnswer testDnsAnswer(String zoneId, String recordName, String recordType, String resolverIp, String subnetIp,
                                    String subnetMask) throws ControlException {
        requireZone(zoneId);
        DnsAnswerTester.Result r = new DnsAnswerTester(view).ask(recordName, recordType, resolverIp, subnetIp, subnetMask);
        return new TestAnswer(r.responseCode(), r.data());
    }

    /**
     * Explain: what the appliance answers for a name and type asked by {@code resolverIp} for the
     * client subnet {@code subnetIp}/{@code subnetMask} (optional), and the decision path of every
     * routed group on the way.
     */
    public Explained explain(String recordName, String recordType, String resolverIp, String subnetIp, String subnetMask)
            throws ControlException {
        DnsAnswerTester.Result r = new DnsAnswerTester(view).ask(recordName, recordType, resolverIp, subnetIp, subnetMask);
        return new Explained(r.responseCode(), r.records(), r.why().decisions());
    }

    /** An answer (RCODE, records in presentation format) and the routed decisions behind it. */
    public record Explained(String responseCode, List<String> records, List<io.meridian.resolver.zone.Explanation.Decision> decisions) {
    }

    /** A TestDNSAnswer result: the RCODE's name and the answer's values. */
    public record TestAnswer(String responseCode, List<String> data) {
    }

    /** ListResourceRecordSets: the zone's record sets in Route 53's order. */
    public List<ResourceRecordSet> recordSets(String zoneId) throws ControlException, ZoneException {
        ZoneSummary z = requireZone(zoneId);
        ZoneContent zone = store.get(parseName(z.origin())).orElseThrow();
        return ResourceRecordSet.of(zone.records(), zone.routed());
    }

    /** Records an applied change and returns its ChangeInfo (INSYNC: the serving view already holds it). */
    public ChangeInfo recordChange(Instant submitted) {
        ChangeInfo change = new ChangeInfo(HostedZoneIdentity.randomId('C'), submitted);
        store.recordChange(change.id(), submitted);
        return change;
    }

    /** GetChange: a change recorded earlier, or NoSuchChange. */
    public ChangeInfo change(String id) throws ControlException {
        String bare = id.startsWith("/change/") ? id.substring("/change/".length()) : id;
        return store.change(bare).map(at -> new ChangeInfo(bare, at))
                .orElseThrow(() -> new ControlException("NoSuchChange", "A change with the specified change ID does not exist: " + id));
    }

    /** A change applied by the control plane: Id (without "/change/") and when it was submitted. */
    public record ChangeInfo(String id, Instant submittedAt) {
    }

    /** The zone with this hosted zone Id, or NoSuchHostedZone. */
    public ZoneSummary requireZone(String id) throws ControlException {
        return hostedZone(id).orElseThrow(() -> new ControlException("NoSuchHostedZone", "No hosted zone found with ID: " + id));
    }

    /** The zone with this hosted zone Id (with or without the "/hostedzone/" prefix), or empty. */
    public Optional<ZoneSummary> hostedZone(String id) {
        String bare = ChangeBatch.bareZoneId(id);
        return list().stream().filter(z -> z.id().equals(bare)).findFirst();
    }

    /** The targets of the zone's apex NS records: its delegation set. */
    public List<String> nameServers(String origin) throws ZoneException {
        Name name = parseName(origin);
        return store.recordsAt(name, name).stream()
                .filter(r -> r instanceof NSRecord)
                .map(r -> ((NSRecord) r).getTarget().toString(true))
                .toList();
    }

    private static ZoneSummary summary(String origin, ZoneStore.ZoneMeta m) {
        return new ZoneSummary(origin, m.identity().id(), m.identity().callerReference(), m.identity().comment(),
                m.serial(), m.records(), m.rrsets());
    }

    public Optional<String> export(String origin) throws ZoneException {
        return store.get(parseName(origin)).map(ZoneExporter::export);
    }

    public List<ZoneSummary> list() {
        return store.list().entrySet().stream().map(e -> summary(e.getKey(), e.getValue())).toList();
    }

    public synchronized boolean delete(String origin) throws ZoneException {
        Name name = parseName(origin);
        boolean removed = store.delete(name);
        view.remove(name.toString());
        servedGenerations.remove(key(name.toString()));
        references.remove(key(name.toString()));
        return removed;
    }

    /**
     * A copy of the whole store for a backup, taken between two change batches (this service's
     * lock), so every batch is in it whole or not at all. Queries are not held up; writes wait.
     */
    public synchronized io.meridian.resolver.store.StoreSnapshot snapshot() throws java.io.IOException {
        return store.snapshot();
    }

    /**
     * Loads every stored zone into the serving view (start-up): from its serving image when it has a
     * current one, else compiled from the store (in one pass over it), writing the image for next time.
     */
    public synchronized LoadReport loadAll() throws ZoneException {
        Map<String, Long> generations = store.generations();
        Map<Name, byte[]> toCompile = new HashMap<>();
        int fromImages = 0;
        for (Map.Entry<String, Long> e : generations.entrySet()) {
            Name origin = parseName(e.getKey());
            if (serveImage(origin, e.getValue())) {
                fromImages++;
            } else {
                store.imageStamp(origin).ifPresent(stamp -> toCompile.put(origin, stamp));
            }
        }
        if (toCompile.isEmpty()) {
            return new LoadReport(fromImages, 0);
        }
        int compiled = 0;
        for (ZoneContent zone : store.loadAll()) {
            byte[] stamp = toCompile.get(zone.origin());
            if (stamp != null) {
                ServingZone serving = ZoneCompiler.compile(zone, routing());
                serve(zone, serving, generations.get(key(serving.origin())));
                compiled++;
                if (java.util.Arrays.equals(stamp, store.imageStamp(zone.origin()).orElse(null))) {
                    saveImage(zone, serving, stamp);
                }
            }
        }
        return new LoadReport(fromImages, compiled);
    }

    /** How start-up loaded the zones: mapped from current serving images, or compiled from the store. */
    public record LoadReport(int fromImages, int compiled) {
    }

    /**
     * Serves zones that another process (e.g. {@code meridian zone import}) changed in the store
     * since we last looked, from the image that process wrote when it can. Returns the origins that changed.
     * The zones are compared only when the store's count of zone writes moved, and every
     * {@link #FULL_SYNC_EVERY} calls regardless: a writer killed between its write and its count
     * is still followed, a minute late.
     */
    public synchronized List<String> syncFromStore() throws ZoneException {
        // The count before the zones: a write landing between the two is compared again next call.
        long writes = store.zoneWrites();
        if (writes == syncedWrites && ++quietSyncs < FULL_SYNC_EVERY) {
            return List.of();
        }
        quietSyncs = 0;
        List<String> changed = syncGenerations();
        syncedWrites = writes;
        return changed;
    }

    /** Calls of {@link #syncFromStore} (once a second in serve) between two comparisons made without a counted write. */
    static final int FULL_SYNC_EVERY = 60;
    /** {@link ZoneStore#zoneWrites} when the zones were last compared (-1: never). */
    private long syncedWrites = -1;
    private int quietSyncs;

    private List<String> syncGenerations() throws ZoneException {
        Map<String, Long> now = store.generations();
        List<String> changed = new java.util.ArrayList<>();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            if (!e.getValue().equals(servedGenerations.get(e.getKey()))) {
                Name origin = parseName(e.getKey());
                if (serveImage(origin, e.getValue())) {
                    changed.add(e.getKey());
                    continue;
                }
                Optional<ZoneContent> zone = store.get(origin);
                if (zone.isPresent()) {
                    serve(zone.get(), ZoneCompiler.compile(zone.get(), routing()), e.getValue());
                    changed.add(e.getKey());
                }
            }
        }
        for (String served : List.copyOf(servedGenerations.keySet())) {
            if (!now.containsKey(served)) {
                view.remove(served);
                servedGenerations.remove(served);
                references.remove(served);
                changed.add(served);
            }
        }
        return changed;
    }

    private static String key(String origin) {
        return origin.toLowerCase(java.util.Locale.ROOT);
    }

    static Name parseName(String origin) throws ZoneException {
        try {
            return Name.fromString(origin.endsWith(".") ? origin : origin + ".");
        } catch (TextParseException e) {
            throw new ZoneException("'" + origin + "' is not a valid zone name: " + e.getMessage(), e);
        }
    }

    /** What a listing shows of a zone: its name, its hosted zone identity and its size. */
    public record ZoneSummary(String origin, String id, String callerReference, String comment, long serial,
                              int records, int rrsets) {
    }
}
