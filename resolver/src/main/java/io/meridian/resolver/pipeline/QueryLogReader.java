package io.meridian.resolver.pipeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the query log rings gained since the last {@link #poll}, oldest first per ring, and
 * counts the entries it was too slow to read before they were overwritten. One reader per
 * consumer (the dashboard's tail); it allocates freely, being off the query path.
 */
public final class QueryLogReader {
    /**
     * One logged query, in presentation form: {@code zone} is the answering zone's origin (null:
     * none), {@code answer} the first answer RRset (null: none; {@code rdataText()} shows it), {@code setIdentifier}
     * and {@code policy} the routed choice (null: none), {@code latencyNanos} -1 when unknown.
     */
    public record Entry(long timeMillis, String zone, String name, int type, int rcode, boolean tcp, String resolver,
                        String subnet, io.meridian.resolver.wire.EncodedRRset answer, String setIdentifier, String policy, long latencyNanos) {
    }

    private final QueryMetrics metrics;
    private final Map<QueryLogRing, Long> cursors = new IdentityHashMap<>();
    private long dropped;
    private long sampledOut;

    public QueryLogReader(QueryMetrics metrics) {
        this.metrics = metrics;
        for (QueryLogRing ring : metrics.rings()) {
            cursors.put(ring, ring.published());
        }
    }

    /**
     * What counting needs of one logged query, handed over where it lies: the name is the reader's
     * scratch copy (lower-case wire form, valid during the call only), so counting allocates
     * nothing per query. {@code weight} is how many queries the entry stands for (1 unless the
     * rate had the log keep one in N, see {@code QueryLogRing.keeps}).
     */
    @FunctionalInterface
    public interface Tally {
        void count(long timeMillis, String zone, byte[] qname, int qnameLength, int weight);
    }

    private static final Tally NO_TALLY = (time, zone, qname, length, weight) -> {
    };

    private final byte[] scratchName = new byte[io.meridian.resolver.wire.Name.MAX_LENGTH + 1];

    /** Entries logged since the last poll (rings that appeared since start are read from their beginning). */
    public List<Entry> poll() {
        return poll(true, NO_TALLY);
    }

    /**
     * Reads what the rings gained since the last poll: every entry goes to {@code tally}, and with
     * {@code full} also into the returned list (oldest first), in presentation form. Without
     * {@code full} the list is empty and nothing is formatted: counting names on a core that
     * answers queries too costs no addresses or answers turned into text, and no garbage.
     */
    public synchronized List<Entry> poll(boolean full, Tally tally) {
        List<Entry> out = full ? new ArrayList<>() : List.of();
        for (QueryLogRing ring : metrics.rings()) {
            long from = cursors.getOrDefault(ring, 0L);
            long to = ring.published();
            if (to - from > QueryLogRing.CAPACITY) {
                dropped += to - from - QueryLogRing.CAPACITY;
                from = to - QueryLogRing.CAPACITY;
            }
            for (long seq = from; seq < to; seq++) {
                int i = QueryLogRing.index(seq);
                Entry e = full ? read(ring, i) : null;
                long time = ring.time(i);
                String zone = ring.zone(i);
                int length = ring.qname(i, scratchName);
                int weight = ring.weight(i);
                // The writer may have lapped us while we read: then this entry is not the one we meant.
                if (ring.overwritten(seq)) {
                    dropped++;
                    continue;
                }
                sampledOut += weight - 1;
                tally.count(time, zone, scratchName, length, weight);
                if (full) {
                    out.add(e);
                }
            }
            cursors.put(ring, to);
        }
        if (full) {
            out.sort((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));
        }
        return out;
    }

    /**
     * The {@code n} newest entries the rings still hold, newest first, read on demand and whether
     * or not a poll has seen them (a page that opens shows the last queries without anyone having
     * formatted every query in case it would).
     */
    public List<Entry> newest(int n) {
        List<Entry> out = new ArrayList<>();
        for (QueryLogRing ring : metrics.rings()) {
            long to = ring.published();
            for (long seq = to - 1; seq >= Math.max(0, to - Math.min(n, QueryLogRing.CAPACITY)); seq--) {
                Entry e = read(ring, QueryLogRing.index(seq));
                if (ring.overwritten(seq)) {
                    break; // lapped: this one and every older one have been overwritten
                }
                out.add(e);
            }
        }
        out.sort((a, b) -> Long.compare(b.timeMillis(), a.timeMillis()));
        return out.size() > n ? List.copyOf(out.subList(0, n)) : out;
    }

    /** Entries overwritten before this reader saw them: what logging gave up so answering never waited. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Queries answered and not logged because the rate had the log keep one in N (of the entries this reader read). */
    public synchronized long sampledOut() {
        return sampledOut;
    }

    private static Entry read(QueryLogRing r, int i) {
        byte[] name = new byte[io.meridian.resolver.wire.Name.MAX_LENGTH];
        int length = r.qname(i, name);
        return new Entry(r.time(i), r.zone(i), io.meridian.resolver.wire.Name.text(name, length), r.qtype(i), r.rcode(i), r.tcp(i),
                address(r.client(i)),
                r.subnetFamily(i) == 0 ? "-" : address(r.subnet(i)) + "/" + r.subnetBits(i),
                r.answer(i), r.setIdentifier(i),
                r.policy(i) < 0 ? null : io.meridian.resolver.zone.QueryEvaluator.policyName(r.policy(i)), r.latencyNanos(i));
    }

    private static String address(byte[] a) {
        try {
            return a.length == 0 ? "-" : InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
