package io.meridian.resolver.pipeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
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

    public QueryLogReader(QueryMetrics metrics) {
        this.metrics = metrics;
        for (QueryLogRing ring : metrics.rings()) {
            cursors.put(ring, ring.published());
        }
    }

    /** Entries logged since the last poll (rings that appeared since start are read from their beginning). */
    public List<Entry> poll() {
        return poll(true);
    }

    /**
     * As {@link #poll()}; with {@code full} false only time, zone and name are filled (client and
     * subnet "-", no answer, routed choice or latency): all that counting top names needs, without
     * formatting two addresses per query on a core that answers queries too.
     */
    public synchronized List<Entry> poll(boolean full) {
        List<Entry> out = new ArrayList<>();
        for (QueryLogRing ring : metrics.rings()) {
            long from = cursors.getOrDefault(ring, 0L);
            long to = ring.published();
            if (to - from > QueryLogRing.CAPACITY) {
                dropped += to - from - QueryLogRing.CAPACITY;
                from = to - QueryLogRing.CAPACITY;
            }
            for (long seq = from; seq < to; seq++) {
                Entry e = full ? read(ring, QueryLogRing.index(seq)) : readName(ring, QueryLogRing.index(seq));
                // The writer may have lapped us while we read: then this entry is not the one we meant.
                if (ring.published() - seq > QueryLogRing.CAPACITY) {
                    dropped++;
                    continue;
                }
                out.add(e);
            }
            cursors.put(ring, to);
        }
        out.sort((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));
        return out;
    }

    /** Entries overwritten before this reader saw them: what logging gave up so answering never waited. */
    public synchronized long dropped() {
        return dropped;
    }

    private static Entry read(QueryLogRing r, int i) {
        return new Entry(r.time[i], r.zone[i], name(Arrays.copyOf(r.qname[i], r.qnameLength[i])), r.qtype[i], r.rcode[i], r.tcp[i],
                address(Arrays.copyOf(r.client[i], r.clientLength[i])),
                r.subnetFamily[i] == 0 ? "-" : address(Arrays.copyOf(r.subnet[i], r.subnetFamily[i] == 1 ? 4 : 16)) + "/" + r.subnetBits[i],
                r.answer[i], r.setIdentifier[i],
                r.policy[i] < 0 ? null : io.meridian.resolver.zone.QueryEvaluator.policyName(r.policy[i]), r.latencyNanos[i]);
    }

    private static Entry readName(QueryLogRing r, int i) {
        return new Entry(r.time[i], r.zone[i], name(Arrays.copyOf(r.qname[i], r.qnameLength[i])), r.qtype[i], r.rcode[i], r.tcp[i],
                "-", "-", null, null, null, -1);
    }

    private static String name(byte[] wire) {
        if (wire.length == 0) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < wire.length && wire[p] != 0; p += 1 + (wire[p] & 0xFF)) {
            b.append(new String(wire, p + 1, wire[p] & 0xFF, java.nio.charset.StandardCharsets.ISO_8859_1)).append('.');
        }
        return b.length() == 0 ? "." : b.toString();
    }

    private static String address(byte[] a) {
        try {
            return a.length == 0 ? "-" : InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
