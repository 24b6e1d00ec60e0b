package io.meridian.resolver.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meridian.resolver.store.ObjectMap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * CIDR collections for IP-based routing (ROUTE53.md §1.4): named sets of locations, each a list
 * of CIDR blocks, changed in versioned batches (PUT adds blocks, DELETE_IF_EXISTS removes them; a
 * location with no block left is gone). Stored as JSON in the store's CIDR map.
 */
public final class CidrCollectionService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z_\\-]{1,64}");

    private final ObjectMap store;
    private volatile ControlLimits limits;
    private final Predicate<String> inUse;
    private final ChangeListener changed;

    /** Told the Id of a collection after each change, so that answers routing on it follow. */
    public interface ChangeListener {
        void changed(String collectionId) throws ControlException, io.meridian.resolver.zone.ZoneException;
    }

    /** @param inUse whether record sets name a location ("collectionId/location") or, for "collectionId/", any of it */
    public CidrCollectionService(ObjectMap store, ControlLimits limits, Predicate<String> inUse) {
        this(store, limits, inUse, id -> { });
    }

    public CidrCollectionService(ObjectMap store, ControlLimits limits, Predicate<String> inUse, ChangeListener changed) {
        this.store = store;
        this.limits = limits;
        this.inUse = inUse;
        this.changed = changed;
    }

    /** New quotas (a reload of the configuration); checks from now on use them. */
    public void limits(ControlLimits next) {
        this.limits = next;
    }

    /** A collection: Id (a UUID), name, version, and location name -> blocks in canonical form. */
    public record CidrCollection(String id, String name, String callerReference, long version, Map<String, List<String>> locations) {
        public String arn() {
            return "arn:aws:route53:::cidrcollection/" + id;
        }
    }

    /** One change of a ChangeCidrCollection request. */
    public record LocationChange(String locationName, String action, List<String> cidrs) {
    }

    /**
     * CreateCidrCollection. The same name and CallerReference again returns the collection made
     * before; the name with another CallerReference is CidrCollectionAlreadyExistsException.
     */
    public synchronized CidrCollection create(String name, String callerReference) throws ControlException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ControlException("InvalidInput", "Name must be 1 to 64 of the characters 0-9, A-Z, a-z, _ and -");
        }
        if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 64) {
            throw new ControlException("InvalidInput", "CallerReference must be 1 to 64 characters long");
        }
        List<CidrCollection> all = list();
        for (CidrCollection c : all) {
            if (c.name().equals(name)) {
                if (c.callerReference().equals(callerReference)) {
                    return c;
                }
                throw new ControlException("CidrCollectionAlreadyExistsException",
                        "A CIDR collection with the name " + name + " already exists: " + c.id());
            }
        }
        if (all.size() >= limits.cidrCollections()) {
            throw new ControlException("LimitsExceeded", "The limit of " + limits.cidrCollections() + " CIDR collections is reached");
        }
        CidrCollection c = new CidrCollection(UUID.randomUUID().toString(), name, callerReference, 1, Map.of());
        store.put(c.id(), json(c));
        return c;
    }

    public Optional<CidrCollection> get(String id) {
        return Optional.ofNullable(store.get(id)).map(CidrCollectionService::parse);
    }

    public CidrCollection require(String id) throws ControlException {
        return get(id).orElseThrow(() -> new ControlException("NoSuchCidrCollectionException",
                "The CIDR collection with the ID " + id + " does not exist."));
    }

    /** Every collection, by name. */
    public List<CidrCollection> list() {
        return store.values().stream().map(CidrCollectionService::parse).sorted(Comparator.comparing(CidrCollection::name)).toList();
    }

    /**
     * ChangeCidrCollection: all changes or none. A given {@code expectedVersion} must match
     * (CidrCollectionVersionMismatchException); the version then grows by one.
     */
    public synchronized CidrCollection change(String id, Long expectedVersion, List<LocationChange> changes)
            throws ControlException, io.meridian.resolver.zone.ZoneException {
        CidrCollection c = require(id);
        if (expectedVersion != null && expectedVersion != c.version()) {
            throw new ControlException("CidrCollectionVersionMismatchException", "The CIDR collection version is " + c.version()
                    + ", not " + expectedVersion + "; it was changed by another request.");
        }
        if (changes.isEmpty()) {
            throw new ControlException("InvalidInput", "Changes needs at least one change");
        }
        Map<String, Set<String>> locations = new TreeMap<>();
        c.locations().forEach((k, v) -> locations.put(k, new TreeSet<>(v)));
        for (LocationChange change : changes) {
            String location = change.locationName();
            if (location == null || !RecordSetRules.LOCATION_NAME.matcher(location).matches() || location.equals("*")) {
                throw new ControlException("InvalidInput", "LocationName must be 1 to 16 of [0-9A-Za-z_-], got '" + location + "'");
            }
            if (change.cidrs().isEmpty()) {
                throw new ControlException("InvalidInput", "CidrList of location " + location + " needs at least one block");
            }
            List<String> blocks = new ArrayList<>();
            for (String cidr : change.cidrs()) {
                blocks.add(canonical(cidr));
            }
            switch (change.action() == null ? "" : change.action()) {
                case "PUT" -> locations.computeIfAbsent(location, k -> new TreeSet<>()).addAll(blocks);
                case "DELETE_IF_EXISTS" -> {
                    Set<String> current = locations.get(location);
                    if (current != null) {
                        current.removeAll(blocks);
                        if (current.isEmpty()) {
                            if (inUse.test(id + "/" + location)) {
                                throw new ControlException("CidrBlockInUseException", "The location " + location
                                        + " would be left with no block, and record sets still route to it.");
                            }
                            locations.remove(location);
                        }
                    }
                }
                default -> throw new ControlException("InvalidInput", "Action must be PUT or DELETE_IF_EXISTS, got '" + change.action() + "'");
            }
        }
        int blocks = locations.values().stream().mapToInt(Set::size).sum();
        if (blocks > limits.cidrBlocksPerCollection()) {
            throw new ControlException("LimitsExceeded", "A CIDR collection holds at most " + limits.cidrBlocksPerCollection()
                    + " blocks; this change would leave " + blocks);
        }
        Map<String, List<String>> out = new TreeMap<>();
        locations.forEach((k, v) -> out.put(k, List.copyOf(v)));
        CidrCollection changed = new CidrCollection(id, c.name(), c.callerReference(), c.version() + 1, out);
        store.put(id, json(changed));
        this.changed.changed(id);
        return changed;
    }

    /** DeleteCidrCollection: only an empty collection no record set uses. */
    public synchronized void delete(String id) throws ControlException {
        CidrCollection c = require(id);
        if (!c.locations().isEmpty() || inUse.test(id + "/")) {
            throw new ControlException("CidrCollectionInUseException", "The CIDR collection " + id
                    + " still has locations or is used by record sets.");
        }
        store.remove(id);
    }

    /**
     * A block in canonical form ("192.0.2.0/24"): IPv4 prefixes /1 to /24 and IPv6 /1 to /48
     * (ROUTE53.md §1.4), host bits zero. Anything else is InvalidInput.
     */
    static String canonical(String cidr) throws ControlException {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        InetAddress literal = slash < 0 ? null : io.meridian.resolver.geo.IpLiteral.parse(cidr.substring(0, slash));
        if (literal == null) {
            throw notABlock(cidr);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw notABlock(cidr);
        }
        byte[] bytes = literal.getAddress();
        int max = bytes.length == 4 ? 24 : 48;
        if (prefix < 1 || prefix > max) {
            throw new ControlException("InvalidInput", "The prefix of '" + cidr + "' must be /1 to /" + max + " for IPv"
                    + (bytes.length == 4 ? 4 : 6));
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                throw new ControlException("InvalidInput", "'" + cidr + "' has host bits set; did you mean the network address?");
            }
        }
        try {
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            return (bytes.length == 16 ? RecordValues.ipv6(bytes) : text) + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ControlException notABlock(String cidr) {
        return new ControlException("InvalidInput", "'" + cidr + "' is not a CIDR block (address/prefix)");
    }

    private static byte[] json(CidrCollection c) {
        try {
            return JSON.writeValueAsBytes(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CIDR collection did not serialize", e);
        }
    }

    private static CidrCollection parse(byte[] bytes) {
        try {
            return JSON.readValue(bytes, CidrCollection.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored CIDR collection is damaged", e);
        }
    }
}
