package io.meridian.resolver.control;

import io.meridian.resolver.store.HostedZoneIdentity;
import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.zone.ServingView;
import io.meridian.resolver.zone.ServingZone;
import io.meridian.resolver.zone.ZoneCompiler;
import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneException;
import io.meridian.resolver.zone.ZoneExporter;
import io.meridian.resolver.zone.ZoneFileParser;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Zones as every face sees them (CLI, API, dashboard): import, export, list, delete. The only
 * writer of the zone store; keeps the serving view in step with it, including changes made by
 * another process on the same data directory (see {@link #syncFromStore}).
 */
public final class ZoneService {
    private final ZoneStore store;
    private final ServingView view;
    private final Map<String, Long> servedGenerations = new HashMap<>();

    public ZoneService(ZoneStore store, ServingView view) {
        this.store = store;
        this.view = view;
    }

    /** Parses, validates and compiles the file, then replaces the zone: all or nothing. */
    public synchronized ZoneSummary importFile(Path file, String origin) throws ZoneException {
        ZoneContent zone = ZoneFileParser.parse(file, origin == null ? null : parseName(origin));
        ServingZone compiled = ZoneCompiler.compile(zone);
        // A zone keeps its hosted zone Id across imports; a new one gets an identity of its own.
        HostedZoneIdentity identity = store.meta(zone.origin()).map(ZoneStore.ZoneMeta::identity)
                .orElseGet(() -> HostedZoneIdentity.create("meridian-zone-import-" + UUID.randomUUID(), ""));
        store.put(zone, identity);
        view.publish(compiled);
        servedGenerations.put(compiled.origin(), store.generations().get(compiled.origin()));
        return summary(compiled.origin(), store.meta(zone.origin()).orElseThrow());
    }

    /** The zone with this hosted zone Id (with or without the "/hostedzone/" prefix), or empty. */
    public Optional<ZoneSummary> hostedZone(String id) {
        String bare = id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
        return list().stream().filter(z -> z.id().equals(bare)).findFirst();
    }

    /** The targets of the zone's apex NS records: its delegation set. */
    public List<String> nameServers(String origin) throws ZoneException {
        Name name = parseName(origin);
        return store.get(name).map(z -> z.records().stream()
                .filter(r -> r instanceof NSRecord && r.getName().equals(name))
                .map(r -> ((NSRecord) r).getTarget().toString(true))
                .toList()).orElse(List.of());
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
        servedGenerations.remove(name.toString());
        return removed;
    }

    /** Loads every stored zone into the serving view (start-up). */
    public synchronized void loadAll() throws ZoneException {
        Map<String, Long> generations = store.generations();
        for (ZoneContent zone : store.loadAll()) {
            ServingZone compiled = ZoneCompiler.compile(zone);
            view.publish(compiled);
            servedGenerations.put(compiled.origin(), generations.get(compiled.origin()));
        }
    }

    /**
     * Serves zones that another process (e.g. {@code meridian zone import}) changed in the store
     * since we last looked. Returns the origins that changed.
     */
    public synchronized List<String> syncFromStore() throws ZoneException {
        Map<String, Long> now = store.generations();
        List<String> changed = new java.util.ArrayList<>();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            if (!e.getValue().equals(servedGenerations.get(e.getKey()))) {
                Optional<ZoneContent> zone = store.get(parseName(e.getKey()));
                if (zone.isPresent()) {
                    view.publish(ZoneCompiler.compile(zone.get()));
                    servedGenerations.put(e.getKey(), e.getValue());
                    changed.add(e.getKey());
                }
            }
        }
        for (String served : List.copyOf(servedGenerations.keySet())) {
            if (!now.containsKey(served)) {
                view.remove(served);
                servedGenerations.remove(served);
                changed.add(served);
            }
        }
        return changed;
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
