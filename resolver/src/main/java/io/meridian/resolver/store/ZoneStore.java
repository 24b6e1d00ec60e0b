package io.meridian.resolver.store;

import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RecordsByOwner;
import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneException;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.MapEntry;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Zones persisted in Chronicle Maps under the data directory, so a restart serves them again
 * without re-parsing any zone file.
 *
 * <p>Six maps: {@code zones} (origin -> {@link ZoneMeta}), {@code names} (generation + owner ->
 * the owner's records and routed record sets), {@code changes} (change Id -> when it was
 * submitted), {@code tags} ("hostedzone/Id" -> its tags), {@code healthchecks} and
 * {@code cidrcollections} (Id -> JSON), and beside them the {@link ChangeJournal}. A replace writes every name under a fresh generation, then switches the
 * zone's meta to it in one entry write, then deletes the old generation: a crash at any point
 * leaves the old zone or the new one, never a mix, and {@link #open} sweeps orphaned names.
 * Several processes may open the same directory (Chronicle Map is multi-process safe), which is
 * how {@code meridian zone import} reaches a running server; {@link #zoneWrites} (a count the processes
 * share) tells it when to compare {@link #generations}.
 *
 * <p>{@code store-format} names the layout of the directory (these maps, their entry encodings,
 * the journal): a directory of another format is refused at open, never misread.
 * {@link #snapshot} and {@link #restore} copy the whole content for backups.
 */
public final class ZoneStore implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ZoneStore.class);
    /** The maps, in the order {@link #open} creates them. */
    static final List<String> MAPS = List.of("zones", "names", "changes", "tags", "healthchecks", "cidrcollections");
    static final String FORMAT_FILE = "store-format";
    static final String SERVING_DIR = "serving";
    /**
     * The data directory's format. 1: the six maps and the journal as of Meridian 0.1 (directories
     * made before the marker existed are format 1 too, and get the marker at their next open).
     */
    static final int FORMAT = 1;
    private static final int SNAPSHOT_ATTEMPTS = 5;

    private final ChronicleMap<byte[], byte[]> zones;
    private final ChronicleMap<byte[], byte[]> names;
    private final ChronicleMap<byte[], byte[]> changes;
    private final ChronicleMap<byte[], byte[]> tags;
    private final ObjectMap healthChecks;
    private final ObjectMap cidrCollections;
    private final ChangeJournal journal;
    private final StoreLock lock;
    private final List<ChronicleMap<byte[], byte[]>> maps;
    /** Compiled serving views, one file per zone ({@link io.meridian.resolver.zone.ZoneImage}): derived, never backed up. */
    private final Path servingDir;

    private ZoneStore(List<ChronicleMap<byte[], byte[]>> maps, ChangeJournal journal, StoreLock lock, Path servingDir) {
        this.servingDir = servingDir;
        this.maps = List.copyOf(maps);
        this.zones = maps.get(0);
        this.names = maps.get(1);
        this.changes = maps.get(2);
        this.tags = maps.get(3);
        this.healthChecks = new ObjectMap(maps.get(4));
        this.cidrCollections = new ObjectMap(maps.get(5));
        this.journal = journal;
        this.lock = lock;
    }

    public static ZoneStore open(Path dataDir, StoreSizing sizing) throws IOException {
        initialiseChronicleReleaser();
        Files.createDirectories(dataDir);
        StoreLock lock = StoreLock.acquire(dataDir);
        List<ChronicleMap<byte[], byte[]>> maps = new ArrayList<>();
        try {
            checkFormat(dataDir);
            boolean recover = lock.mustRecover() && Files.exists(dataDir.resolve("zones.cm"));
            if (recover) {
                LOG.info("{} was not closed cleanly; recovering its maps", dataDir);
            }
            maps.add(open(ChronicleMap.of(byte[].class, byte[].class)
                    .name("zones").entries(sizing.zones()).averageKeySize(32).averageValueSize(ZoneMeta.SIZE),
                    dataDir.resolve("zones.cm"), recover));
            maps.add(open(ChronicleMap.of(byte[].class, byte[].class)
                    .name("names").entries(sizing.names()).averageKeySize(40).averageValueSize(80).maxBloatFactor(20.0),
                    dataDir.resolve("names.cm"), recover));
            maps.add(open(ChronicleMap.of(byte[].class, byte[].class)
                    .name("changes").entries(sizing.changes()).averageKeySize(14).averageValueSize(8).maxBloatFactor(4.0),
                    dataDir.resolve("changes.cm"), recover));
            maps.add(open(ChronicleMap.of(byte[].class, byte[].class)
                    .name("tags").entries(sizing.zones()).averageKeySize(24).averageValueSize(256).maxBloatFactor(4.0),
                    dataDir.resolve("tags.cm"), recover));
            maps.add(open(ChronicleMap.of(byte[].class, byte[].class)
                    .name("healthchecks").entries(sizing.zones()).averageKeySize(36).averageValueSize(400).maxBloatFactor(4.0),
                    dataDir.resolve("healthchecks.cm"), recover));
            maps.add(open(ChronicleMap.of(byte[].class, byte[].class)
                    .name("cidrcollections").entries(100).averageKeySize(36).averageValueSize(4096).maxBloatFactor(10.0),
                    dataDir.resolve("cidrcollections.cm"), recover));
            ChangeJournal journal = ChangeJournal.open(dataDir.resolve("changes.journal"));
            lock.opened();
            ZoneStore store = new ZoneStore(maps, journal, lock, dataDir.resolve(SERVING_DIR));
            if (recover) {
                // Only a write cut short by a crash leaves names of a generation no zone points to
                // (put() removes its own on failure); sweeping costs a pass over every stored name.
                store.sweepOrphans();
            }
            return store;
        } catch (IOException | RuntimeException e) {
            maps.forEach(ChronicleMap::close);
            lock.close();
            throw e;
        }
    }

    /** Refuses a directory of another format; marks an unmarked one (new, or from before the marker) as this format. */
    private static void checkFormat(Path dataDir) throws IOException {
        Path marker = dataDir.resolve(FORMAT_FILE);
        if (!Files.exists(marker)) {
            Path tmp = dataDir.resolve(FORMAT_FILE + ".tmp");
            Files.writeString(tmp, FORMAT + "\n");
            Files.move(tmp, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        int format = format(Files.readString(marker), marker.toString());
        if (format != FORMAT) {
            throw new IOException(dataDir + " holds Meridian store format " + format + "; this Meridian reads format " + FORMAT
                    + (format > FORMAT ? " (the directory was written by a newer Meridian: run that one, or restore a backup"
                    + " this one made)" : ""));
        }
    }

    private static int format(String text, String source) throws IOException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(source + ": not a Meridian store format ('" + text.trim() + "')");
        }
    }

    /**
     * The whole content as of one moment: no half zone replace and, because every in-process
     * writer of zones holds this store's lock (and {@code ZoneService} its own around a whole
     * change batch), no half batch. Another process writing meanwhile (a {@code meridian zone}
     * command) is noticed by the zones' generations moving, and the copy is taken again.
     */
    public synchronized StoreSnapshot snapshot() throws IOException {
        for (int attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
            Map<String, Long> before = generations();
            Map<String, Map<byte[], byte[]>> copies = new LinkedHashMap<>();
            for (int i = 0; i < MAPS.size(); i++) {
                Map<byte[], byte[]> copy = new LinkedHashMap<>();
                for (Map.Entry<byte[], byte[]> e : maps.get(i).entrySet()) {
                    if (maps.get(i) != names || currentGeneration(e.getKey(), before)) {
                        copy.put(e.getKey(), e.getValue());
                    }
                }
                copies.put(MAPS.get(i), copy);
            }
            byte[] journalBytes = journal.bytes();
            if (before.equals(generations())) {
                return new StoreSnapshot(StoreSnapshot.files(copies, journalBytes, (FORMAT + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
        }
        throw new IOException("the zones kept changing while they were copied (another meridian command is writing); try again");
    }

    private boolean currentGeneration(byte[] nameKey, Map<String, Long> generations) {
        byte[] origin = NameKey.origin(nameKey);
        Long generation = generations.get(RecordCodec.name(origin).toString());
        return generation != null && generation == NameKey.generation(nameKey);
    }

    /**
     * Writes {@code snapshot} as a new store into {@code emptyDir} (a restore), which must not hold
     * anything yet; the store is closed cleanly afterwards.
     */
    public static void restore(Path emptyDir, StoreSnapshot snapshot) throws IOException {
        int format = format(new String(snapshot.files().get(FORMAT_FILE), java.nio.charset.StandardCharsets.US_ASCII), FORMAT_FILE);
        if (format != FORMAT) {
            throw new IOException("the backup holds Meridian store format " + format + "; this Meridian reads format " + FORMAT);
        }
        Files.createDirectories(emptyDir);
        try (java.util.stream.Stream<Path> present = Files.list(emptyDir)) {
            if (present.findAny().isPresent()) {
                throw new IOException(emptyDir + " is not empty");
            }
        }
        Files.write(emptyDir.resolve(FORMAT_FILE), snapshot.files().get(FORMAT_FILE));
        Files.write(emptyDir.resolve(StoreSnapshot.JOURNAL), snapshot.files().get(StoreSnapshot.JOURNAL));
        // Made for the names it is about to hold (at least the default), so restoring a big zone chains no tiers.
        long names = Math.max(StoreSizing.DEFAULT.names(), snapshot.entries("names").size() * 2L);
        try (ZoneStore store = open(emptyDir, StoreSizing.forNames(names))) {
            for (int i = 0; i < MAPS.size(); i++) {
                for (byte[][] e : snapshot.entries(MAPS.get(i))) {
                    store.maps.get(i).put(e[0], e[1]);
                }
            }
        }
    }

    /** Whether {@code fileName} in a data directory is the store's (its maps, journal, lock and markers). */
    public static boolean ownsFile(String fileName) {
        return MAPS.stream().anyMatch(m -> fileName.equals(m + ".cm")) || List.of(StoreSnapshot.JOURNAL, FORMAT_FILE,
                FORMAT_FILE + ".tmp", "store.lock", "clean", SERVING_DIR).contains(fileName);
    }

    /** Whether any process (this one included) has the store in this directory open. */
    public static boolean inUse(Path dataDir) throws IOException {
        return StoreLock.inUse(dataDir);
    }

    /**
     * Chronicle frees closed maps' memory through a class whose first use adds a JVM shutdown hook.
     * Used first by a close during shutdown (a SIGTERM), that hook cannot be added, the class fails
     * to load, and the close is cut short before the store lock records it: so it loads here, and
     * {@code serve} loads it before anything else, as a SIGTERM may come before the store opens.
     */
    public static void initialiseChronicleReleaser() {
        try {
            Class.forName("net.openhft.chronicle.core.io.BackgroundResourceReleaser", true, ZoneStore.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Chronicle Core is not on the class path", e);
        }
    }

    private static ChronicleMap<byte[], byte[]> open(ChronicleMapBuilder<byte[], byte[]> builder, Path file, boolean recover)
            throws IOException {
        // Whoever opened the store closes it (serve's shutdown hook, the CLI's try blocks). Chronicle's own
        // exit hook would close the maps under threads still using them, in no order with that close.
        builder.skipCloseOnExitHook(true);
        return recover && Files.exists(file) ? builder.recoverPersistedTo(file.toFile(), true)
                : builder.createPersistedTo(file.toFile());
    }

    /**
     * Replaces (or creates) a zone atomically, under {@code identity}. {@code lastChange} names the
     * change batch this content includes (the journal's marker: see {@link ZoneMeta#lastChange}),
     * or "" for content that did not come from a batch.
     */
    public void put(ZoneContent zone, HostedZoneIdentity identity, String lastChange) throws ZoneException {
        Replacement r = replace(zone, RecordsByOwner.of(zone.records()), identity, lastChange);
        r.write();
        r.commit();
    }

    /**
     * Begins replacing (or creating) a zone, under {@code identity}: picks the generation its names
     * will be stored under, so the stamp of its serving image is known before anything is written.
     * Nothing changes until {@link Replacement#write} and {@link Replacement#commit}.
     *
     * @param owners the zone's records as {@link RecordsByOwner#of} groups them
     */
    public synchronized Replacement replace(ZoneContent zone, List<RecordsByOwner.Owner> owners, HostedZoneIdentity identity,
                                            String lastChange) {
        byte[] origin = zone.origin().toWireCanonical();
        ZoneMeta previous = meta(origin);
        // Not simply previous + 1: a put cut short in another process (a CLI import stopped half way)
        // may have left names under that number, and they must never become part of this zone.
        // Orphans are swept at the next open after a crash; until then a fresh number avoids them.
        long generation = (previous == null ? 0 : previous.generation()) + 1
                + java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 32);
        int entries = zone.records().size() + zone.routed().size();
        return new Replacement(zone, owners, origin,
                new ZoneMeta(generation, zone.soa().getSerial(), entries, zone.rrsetCount(owners), identity, lastChange));
    }

    /**
     * A zone's new content on its way in: {@link #write} stores its names under a new generation
     * (the long part for a big zone, done on any thread while the caller compiles), {@link #commit}
     * makes them the zone's with one entry write and drops the names they replace, {@link #discard}
     * drops them instead.
     */
    public final class Replacement {
        private final List<RecordsByOwner.Owner> owners;
        private final byte[] origin;
        private final ZoneMeta meta;
        /** Routed sets by owner name (few: made one by one through the API), stored with their owner's records. */
        private final Map<Name, List<RecordSet>> routedByOwner = new LinkedHashMap<>();
        /** Those whose owner has no plain records: stored after the owners. */
        private final List<Map.Entry<Name, List<RecordSet>>> routedOnly;
        /** The next name to store, counting the owners then {@link #routedOnly}: each writing thread takes names in turn. */
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean failed;

        private Replacement(ZoneContent zone, List<RecordsByOwner.Owner> owners, byte[] origin, ZoneMeta meta) {
            this.owners = owners;
            this.origin = origin;
            this.meta = meta;
            for (RecordSet s : zone.routed()) {
                routedByOwner.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
            Map<Name, List<RecordSet>> alone = new LinkedHashMap<>(routedByOwner);
            for (int i = 0; i < owners.size() && !alone.isEmpty(); i++) {
                alone.remove(owners.get(i).name());
            }
            routedOnly = new ArrayList<>(alone.entrySet());
        }

        /** What {@link ZoneStore#imageStamp} gives for the zone once this is committed. */
        public byte[] stamp() {
            return meta.toBytes();
        }

        /**
         * Stores the zone's names under the new generation, taking them one at a time until none is
         * left: a second thread calling this meanwhile (the importer, its compiled image written)
         * shares what remains. The names are all stored once every call has returned. If one fails
         * (a full map, say), the others stop and the new generation is dropped; a caller that
         * shared the work discards it again once every call has returned, for what another call
         * put in the meantime.
         */
        public void write() {
            long generation = meta.generation();
            BulkPut put = new BulkPut(names);
            RecordCodec.Buffer value = new RecordCodec.Buffer();
            int total = owners.size() + routedOnly.size();
            try {
                for (int i; !failed && (i = next.getAndIncrement()) < total; ) {
                    if (i < owners.size()) {
                        RecordsByOwner.Owner o = owners.get(i);
                        List<RecordSet> routed = routedByOwner.isEmpty() ? null : routedByOwner.get(o.name());
                        RecordCodec.encode(o.records(), routed == null ? List.of() : routed, value);
                        put.put(NameKey.of(generation, origin, o.lowerName()), value.bytes(), value.size());
                    } else {
                        Map.Entry<Name, List<RecordSet>> e = routedOnly.get(i - owners.size());
                        RecordCodec.encode(List.of(), e.getValue(), value);
                        put.put(NameKey.of(generation, origin, e.getKey().toWireCanonical()), value.bytes(), value.size());
                    }
                }
            } catch (RuntimeException | Error e) {
                failed = true;
                synchronized (ZoneStore.this) {
                    // The zone keeps its current generation.
                    removeGeneration(origin, generation);
                }
                throw e;
            }
        }

        public void commit() {
            synchronized (ZoneStore.this) {
                ZoneMeta replaced = meta(origin);
                zones.put(origin, meta.toBytes());
                lock.zonesChanged();
                if (replaced != null && replaced.generation() != meta.generation()) {
                    removeGeneration(origin, replaced.generation());
                }
            }
        }

        public void discard() {
            synchronized (ZoneStore.this) {
                removeGeneration(origin, meta.generation());
            }
        }
    }

    public synchronized boolean delete(Name origin) {
        byte[] key = origin.toWireCanonical();
        ZoneMeta meta = meta(key);
        if (meta == null) {
            return false;
        }
        zones.remove(key);
        lock.zonesChanged();
        removeGeneration(key, meta.generation());
        try {
            Files.deleteIfExists(imageFile(origin));
        } catch (IOException e) {
            LOG.warn("could not delete the serving image of {} ({}); it is ignored, being of a zone no longer stored", origin, e.toString());
        }
        return true;
    }

    /**
     * What a serving image of this zone must carry to be used: its metadata as stored now
     * (generation, serial, identity, last change), so an image of any other state is refused.
     */
    public Optional<byte[]> imageStamp(Name origin) {
        return Optional.ofNullable(zones.get(origin.toWireCanonical()));
    }

    /**
     * Writes a zone's serving image to a temporary file, on disk; {@link #publishImage} renames it
     * over the old one, so a reader always sees one whole file.
     */
    public Path prepareImage(Name origin, ImageWriter writer) throws IOException {
        Files.createDirectories(servingDir);
        Path file = imageFile(origin);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            writer.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        force(tmp);
        return tmp;
    }

    public void publishImage(Name origin, Path prepared) throws IOException {
        Files.move(prepared, imageFile(origin), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void force(Path file) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.warn("could not flush {} to disk: {}", file, e.getMessage());
        }
    }

    /** A zone's serving image, mapped read-only, or empty if there is none. */
    public Optional<java.nio.ByteBuffer> image(Name origin) throws IOException {
        Path file = imageFile(origin);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            return Optional.of(ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path imageFile(Name origin) {
        String hex = NameKey.hex(origin.toWireCanonical());
        // A file name holds 255 bytes; a long origin is named by its digest instead.
        return servingDir.resolve((hex.length() <= 128 ? hex : sha256(hex)) + ".image");
    }

    private static String sha256(String text) {
        try {
            return NameKey.hex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes an image to a stream (the store owns the file; the zone package owns the format). */
    @FunctionalInterface
    public interface ImageWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    /** The records at one owner name of a stored zone: a single map read, not a scan. */
    public List<Record> recordsAt(Name origin, Name owner) throws ZoneException {
        return ownerAt(origin, owner).records();
    }

    /** The routed record sets at one owner name of a stored zone: a single map read, not a scan. */
    public List<RecordSet> routedAt(Name origin, Name owner) throws ZoneException {
        return ownerAt(origin, owner).routed();
    }

    private RecordCodec.Owner ownerAt(Name origin, Name owner) throws ZoneException {
        byte[] key = origin.toWireCanonical();
        ZoneMeta meta = meta(key);
        byte[] value = meta == null ? null : names.get(NameKey.of(meta.generation(), key, owner.toWireCanonical()));
        return value == null ? new RecordCodec.Owner(List.of(), List.of()) : RecordCodec.decode(value);
    }

    public Optional<ZoneContent> get(Name origin) throws ZoneException {
        byte[] key = origin.toWireCanonical();
        ZoneMeta meta = meta(key);
        if (meta == null) {
            return Optional.empty();
        }
        List<Record> records = new ArrayList<>();
        List<RecordSet> routed = new ArrayList<>();
        for (byte[] value : values(key, meta.generation())) {
            RecordCodec.Owner owner = RecordCodec.decode(value);
            records.addAll(owner.records());
            routed.addAll(owner.routed());
        }
        return Optional.of(new ZoneContent(origin, records, routed));
    }

    /**
     * The routed record sets of a stored zone (none if there is no such zone), its plain records
     * not read: what a zone file's import keeps of the zone it replaces.
     */
    public List<RecordSet> routed(Name origin) throws ZoneException {
        byte[] key = origin.toWireCanonical();
        ZoneMeta meta = meta(key);
        List<RecordSet> routed = new ArrayList<>();
        if (meta != null) {
            for (byte[] value : values(key, meta.generation())) {
                routed.addAll(RecordCodec.routed(value));
            }
        }
        return routed;
    }

    /**
     * The stored values of one generation of a zone, each copied out of the map: decoding them then
     * holds no lock of it, and the map's own {@code Data.get()} may hand back one reused array.
     */
    private List<byte[]> values(byte[] origin, long generation) {
        List<byte[]> values = new ArrayList<>();
        forEachOf(origin, generation, e -> {
            Data<byte[]> value = e.value();
            byte[] copy = new byte[Math.toIntExact(value.size())];
            value.bytes().read(value.offset(), copy, 0, copy.length);
            values.add(copy);
        });
        return values;
    }

    /**
     * Every names-map entry of one generation of a zone. The keys are compared where they lie in
     * the map, so the other zones' and generations' entries cost no copy: a million-name zone's
     * old generation was dropped in 1.5-1.9 s through {@code keySet().removeIf}, which copies out
     * every key of the map first. {@code action} may remove the entry it is given.
     */
    private void forEachOf(byte[] origin, long generation, Consumer<MapEntry<byte[], byte[]>> action) {
        byte[] prefix = NameKey.prefix(generation, origin);
        names.forEachEntry(e -> {
            if (NameKey.startsWith(e.key(), prefix)) {
                action.accept(e);
            }
        });
    }

    /** Every stored zone, read in one pass over the names map. */
    public List<ZoneContent> loadAll() throws ZoneException {
        Map<String, ZoneMeta> metas = new HashMap<>();
        Map<String, Name> origins = new HashMap<>();
        for (Map.Entry<byte[], byte[]> e : zones.entrySet()) {
            Name origin = RecordCodec.name(e.getKey());
            metas.put(NameKey.hex(e.getKey()), ZoneMeta.from(e.getValue()));
            origins.put(NameKey.hex(e.getKey()), origin);
        }
        Map<String, RecordCodec.Owner> contents = new HashMap<>();
        for (Map.Entry<byte[], byte[]> e : names.entrySet()) {
            String zoneKey = NameKey.hex(NameKey.origin(e.getKey()));
            ZoneMeta meta = metas.get(zoneKey);
            if (meta != null && meta.generation() == NameKey.generation(e.getKey())) {
                RecordCodec.Owner owner = RecordCodec.decode(e.getValue());
                RecordCodec.Owner zone = contents.computeIfAbsent(zoneKey, k -> new RecordCodec.Owner(new ArrayList<>(), new ArrayList<>()));
                zone.records().addAll(owner.records());
                zone.routed().addAll(owner.routed());
            }
        }
        List<ZoneContent> out = new ArrayList<>();
        for (Map.Entry<String, Name> e : origins.entrySet()) {
            RecordCodec.Owner zone = contents.getOrDefault(e.getKey(), new RecordCodec.Owner(List.of(), List.of()));
            out.add(new ZoneContent(e.getValue(), zone.records(), zone.routed()));
        }
        return out;
    }

    /**
     * How many times any process has written the zones map (a zone replaced, deleted or renamed):
     * one read of a page the processes share, so a poller reads {@link #generations} only when it moved.
     */
    public long zoneWrites() {
        return lock.zoneWrites();
    }

    /** Origin -> generation of every stored zone (a walk of the zones map). */
    public Map<String, Long> generations() {
        Map<String, Long> out = new TreeMap<>();
        list().forEach((origin, meta) -> out.put(origin, meta.generation()));
        return out;
    }

    /** Replaces a zone's hosted zone identity (e.g. its comment), keeping its records. */
    public synchronized void updateIdentity(Name origin, HostedZoneIdentity identity) throws ZoneException {
        byte[] key = origin.toWireCanonical();
        ZoneMeta m = meta(key);
        if (m == null) {
            throw new ZoneException("no zone " + origin + " in the store");
        }
        zones.put(key, new ZoneMeta(m.generation(), m.serial(), m.records(), m.rrsets(), identity, m.lastChange()).toBytes());
        lock.zonesChanged();
    }

    /** The metadata of one stored zone, or empty. */
    public Optional<ZoneMeta> meta(Name origin) {
        return Optional.ofNullable(meta(origin.toWireCanonical()));
    }

    /** Summaries of stored zones, by origin. */
    public Map<String, ZoneMeta> list() {
        Map<String, ZoneMeta> out = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : zones.entrySet()) {
            out.put(RecordCodec.name(e.getKey()).toString(), ZoneMeta.from(e.getValue()));
        }
        return out;
    }

    /** Owner names stored, all zones and generations together (for checks and sizing reports). */
    public long nameCount() {
        return names.longSize();
    }

    private ZoneMeta meta(byte[] origin) {
        byte[] v = zones.get(origin);
        return v == null ? null : ZoneMeta.from(v);
    }

    private void removeGeneration(byte[] origin, long generation) {
        forEachOf(origin, generation, MapEntry::doRemove);
    }

    /** Drops names of generations no zone points to: the remains of an interrupted replace. */
    private void sweepOrphans() {
        Map<String, Long> current = new HashMap<>();
        for (Map.Entry<byte[], byte[]> e : zones.entrySet()) {
            current.put(NameKey.hex(e.getKey()), ZoneMeta.from(e.getValue()).generation());
        }
        names.keySet().removeIf(k -> {
            Long gen = current.get(NameKey.hex(NameKey.origin(k)));
            return gen == null || gen != NameKey.generation(k);
        });
    }

    @Override
    public void close() {
        List<java.io.File> files = maps.stream().map(ChronicleMap::file).filter(java.util.Objects::nonNull).toList();
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("could not close the change journal: {}", e.getMessage());
        }
        cidrCollections.close();
        healthChecks.close();
        tags.close();
        changes.close();
        names.close();
        zones.close();
        // On disk before the lock vouches for a clean close: `meridian zone import` returns with its
        // zone durable, not in mapped pages the kernel writes back some time later.
        files.forEach(f -> force(f.toPath()));
        try {
            lock.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not release the store lock", e);
        }
    }

    /** Remembers a change applied at {@code submitted}, so GetChange can report it later. */
    public void recordChange(String changeId, java.time.Instant submitted) {
        changes.put(changeId.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                java.nio.ByteBuffer.allocate(8).putLong(submitted.toEpochMilli()).array());
    }

    /** When the change was submitted, or empty for an unknown change Id. */
    public Optional<java.time.Instant> change(String changeId) {
        byte[] v = changes.get(changeId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return v == null ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(java.nio.ByteBuffer.wrap(v).getLong()));
    }

    /** Change batches written ahead of the maps (see {@link ChangeJournal}). */
    public ChangeJournal journal() {
        return journal;
    }

    /** Health checks by Id, as the control plane serializes them. */
    public ObjectMap healthChecks() {
        return healthChecks;
    }

    /** CIDR collections by Id, as the control plane serializes them. */
    public ObjectMap cidrCollections() {
        return cidrCollections;
    }

    /** The tags of a resource ("hostedzone/Z..."), in the order they were first set. */
    public java.util.LinkedHashMap<String, String> tags(String resource) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        byte[] v = tags.get(resource.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (v != null) {
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(v))) {
                for (int n = in.readUnsignedShort(); n > 0; n--) {
                    out.put(in.readUTF(), in.readUTF());
                }
            } catch (IOException e) {
                throw new IllegalStateException("stored tags of " + resource + " are damaged", e);
            }
        }
        return out;
    }

    /** Replaces a resource's tags; none removes the entry. */
    public void setTags(String resource, Map<String, String> resourceTags) {
        byte[] key = resource.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (resourceTags.isEmpty()) {
            tags.remove(key);
            return;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeShort(resourceTags.size());
            for (Map.Entry<String, String> e : resourceTags.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        tags.put(key, bytes.toByteArray());
    }

    /**
     * Capacity the maps are created with. Chronicle Map writes its segments out at creation, so a
     * large start costs real disk for every data directory (2M names took 315 MB); the names map
     * starts at 100k and grows in extra tiers up to 20 times that.
     */
    public record StoreSizing(long zones, long names, long changes) {
        public static final StoreSizing DEFAULT = new StoreSizing(10_000, 100_000, 50_000);

        /**
         * The default, with the names map made for {@code names} (the configuration's store.names):
         * past what a map was made for, Chronicle Map chains extra tiers, and every insert of a new
         * name searches each of them (a million-name import into the default map: 4.6 s of puts,
         * 2.9 s into one made for 2.5M).
         */
        public static StoreSizing forNames(long names) {
            return new StoreSizing(DEFAULT.zones, names, DEFAULT.changes);
        }
    }

    /**
     * What the zones map holds per zone: where its names are (generation), summary counts, the
     * Route 53 identity of the hosted zone (Id, CallerReference, comment), kept across replaces,
     * and the last change batch applied to it, written in the same entry as the generation switch
     * so that "is this journaled batch in the maps" has an exact answer after any crash.
     * records: plain records plus routed record sets, so "only the apex SOA and NS" is a count check.
     */
    public record ZoneMeta(long generation, long serial, int records, int rrsets, HostedZoneIdentity identity,
                           String lastChange) {
        static final int SIZE = 112;
        private static final int FORMAT = 3;
        /** Format 2 had no lastChange; it reads as "" (no batch since). */
        private static final int FORMAT_WITHOUT_LAST_CHANGE = 2;

        byte[] toBytes() {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                out.writeLong(generation);
                out.writeLong(serial);
                out.writeInt(records);
                out.writeInt(rrsets);
                out.writeUTF(identity.id());
                out.writeUTF(identity.callerReference());
                out.writeUTF(identity.comment());
                out.writeUTF(lastChange);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static ZoneMeta from(byte[] v) {
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(v))) {
                int format = in.readUnsignedByte();
                if (format != FORMAT && format != FORMAT_WITHOUT_LAST_CHANGE) {
                    throw new IllegalStateException("zone metadata has format " + format + "; this Meridian reads "
                            + FORMAT_WITHOUT_LAST_CHANGE + " and " + FORMAT
                            + ": export the zones with the version that wrote them and import them here");
                }
                long generation = in.readLong();
                long serial = in.readLong();
                int records = in.readInt();
                int rrsets = in.readInt();
                HostedZoneIdentity identity = new HostedZoneIdentity(in.readUTF(), in.readUTF(), in.readUTF());
                return new ZoneMeta(generation, serial, records, rrsets, identity, format == FORMAT ? in.readUTF() : "");
            } catch (IOException e) {
                throw new IllegalStateException("zone metadata is damaged", e);
            }
        }
    }
}
