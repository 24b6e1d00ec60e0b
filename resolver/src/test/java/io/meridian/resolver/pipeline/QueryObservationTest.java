package io.meridian.resolver.pipeline;

import io.meridian.resolver.stats.StageLatency;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import io.meridian.resolver.zone.QueryEvaluator;
import io.meridian.resolver.zone.ZoneIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the data plane's stages record about each query: the log entry with its answer, and latency per stage. */
class QueryObservationTest {
    /** Stages answering example.com, and a reader of their log (the last test makes its own). */
    private QueryMetrics metrics;
    private QueryLogReader reader;
    private QueryStages stages;

    @BeforeEach
    void exampleCom() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        metrics = new QueryMetrics();
        reader = new QueryLogReader(metrics);
        stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(), metrics.register());
    }

    @Test
    void everyQueryIsLoggedWithItsAnswerAndTimedAndOneInSixteenPerStage() throws Exception {
        QuerySlot slot = new QuerySlot(65535);
        byte[] query = Wire.query(1, "www.example.com.", Type.A);
        for (int i = 0; i < 32; i++) {
            System.arraycopy(query, 0, slot.in, 0, query.length);
            slot.inLength = query.length;
            slot.receivedNanos = System.nanoTime();
            stages.process(slot, false);
        }
        slot.inLength = 14; // the header and a cut question: FORMERR
        slot.receivedNanos = System.nanoTime();
        stages.process(slot, false);

        List<QueryLogReader.Entry> entries = reader.poll();
        assertEquals(33, entries.size());
        QueryLogReader.Entry first = entries.get(0);
        assertEquals("www.example.com.", first.name());
        assertEquals("example.com.", first.zone());
        assertEquals(List.of("192.0.2.80"), first.answer().rdataText());
        assertNull(first.policy(), "plain records: no routed choice");
        assertTrue(first.latencyNanos() >= 0);
        QueryLogReader.Entry bad = entries.get(32);
        assertEquals(Rcode.FORMERR, bad.rcode());
        assertNull(bad.answer());

        metrics.sample();
        assertEquals(33, metrics.latency().sinceStart(StageLatency.TOTAL).getTotalCount());
        assertEquals(2, metrics.latency().sinceStart(StageLatency.DECODE).getTotalCount(), "stages timed on 1 in 16");
        assertEquals(2, metrics.latency().lastMinute(StageLatency.EVALUATE).getTotalCount());
        assertEquals(0, reader.dropped());
    }

    @Test
    void queriesAnsweredForOneSendAreTimedTogetherFromTheBatchsReceiptToItsSend() throws Exception {
        QuerySlot slot = new QuerySlot(65535);
        slot.batched = true;
        slot.receivedNanos = System.nanoTime() - 5_000_000; // the batch came in 5 ms ago
        byte[] query = Wire.query(1, "www.example.com.", Type.A);
        for (int i = 0; i < 5; i++) {
            System.arraycopy(query, 0, slot.in, 0, query.length);
            slot.inLength = query.length;
            stages.process(slot, false);
        }
        metrics.sample();
        assertEquals(0, metrics.latency().sinceStart(StageLatency.TOTAL).getTotalCount(), "not before the batch is sent");

        stages.batchSent(slot);
        stages.batchSent(slot); // nothing answered since: nothing more recorded
        metrics.sample();
        org.HdrHistogram.Histogram total = metrics.latency().sinceStart(StageLatency.TOTAL);
        assertEquals(5, total.getTotalCount());
        assertTrue(total.getMinValue() >= 4_900_000, "receipt to send: " + total.getMinValue());
        List<QueryLogReader.Entry> logged = reader.poll();
        assertEquals(5, logged.size(), "at this rate every query is logged");
        assertTrue(logged.get(4).latencyNanos() >= 5_000_000, "the log line's latency reads the clock itself");
    }

    @Test
    void anEntryKeepsTheClientItsSubnetAndTheTransport() throws Exception {
        org.xbill.DNS.Message m = org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromString("www.example.com."), Type.AAAA, org.xbill.DNS.DClass.IN));
        m.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0, 0, List.of(
                new org.xbill.DNS.ClientSubnetOption(56, java.net.InetAddress.getByName("2001:db8:aa:bb00::")))), org.xbill.DNS.Section.ADDITIONAL);
        byte[] query = m.toWire();
        QuerySlot slot = new QuerySlot(65535);
        System.arraycopy(query, 0, slot.in, 0, query.length);
        slot.inLength = query.length;
        slot.source(new java.net.InetSocketAddress("2001:db8::1", 5353));
        stages.process(slot, true);

        QueryLogReader.Entry e = reader.poll().get(0);
        assertEquals(Type.AAAA, e.type());
        assertTrue(e.tcp());
        assertEquals("2001:db8:0:0:0:0:0:1", e.resolver());
        assertEquals("2001:db8:aa:bb00:0:0:0:0/56", e.subnet());
        assertEquals(Rcode.NOERROR, e.rcode());
    }

    @Test
    void aCountingPollHandsOverTheNameAndZoneOfEveryQueryAndFormatsNothing() throws Exception {
        answer(stages, "WWW.example.com.", "nope.example.com.", "elsewhere.test.");
        List<String> counted = new ArrayList<>();
        List<QueryLogReader.Entry> entries = reader.poll(false, (time, zone, qname, length, weight) ->
                counted.add(io.meridian.resolver.wire.Name.text(qname, length) + " " + zone));
        assertTrue(entries.isEmpty(), "nothing formatted");
        assertEquals(List.of("www.example.com. example.com.", "nope.example.com. example.com.", "elsewhere.test. null"), counted,
                "lower-case names; REFUSED: no zone");
        assertTrue(reader.poll().isEmpty(), "each entry is read once, whichever way");
    }

    @Test
    void theNewestEntriesAreReadOnDemandNewestFirstWithoutMovingThePoll() throws Exception {
        answer(stages, "a.example.com.", "b.example.com.", "www.example.com.");
        assertEquals(List.of("www.example.com.", "b.example.com."), reader.newest(2).stream().map(QueryLogReader.Entry::name).toList());
        assertEquals(List.of("192.0.2.80"), reader.newest(1).get(0).answer().rdataText(), "in full");
        assertEquals(3, reader.poll().size(), "the poll still sees all three");

        // More than a ring holds: only what it still holds, newest first (the oldest slot is the
        // one the next query overwrites, so it is not read). Written straight into the ring, as
        // answering this many this fast would have the log keep one query in N.
        QueryLogRing ring = metrics.rings().get(0);
        for (int i = 0; i < QueryLogRing.CAPACITY + 10; i++) {
            ring.record(decoded("n" + i + ".example.com."), Rcode.NOERROR, false, "example.com.", null, null, -1, System.nanoTime(), 0);
        }
        List<QueryLogReader.Entry> all = reader.newest(5 * QueryLogRing.CAPACITY);
        assertEquals(QueryLogRing.CAPACITY - 1, all.size());
        assertEquals("n" + (QueryLogRing.CAPACITY + 9) + ".example.com.", all.get(0).name());
        assertEquals("n11.example.com.", all.get(all.size() - 1).name());
    }

    private static io.meridian.resolver.wire.Query decoded(String name) throws Exception {
        byte[] query = Wire.query(1, name, Type.A);
        io.meridian.resolver.wire.Query q = new io.meridian.resolver.wire.Query();
        q.decode(query, query.length);
        return q;
    }

    /**
     * A ring answering at a given rate, on a made-up clock, read by a poll every 250 ms as the
     * pump does: what it logged, the weights those entries carry, and what the reader lost.
     */
    private static final class RateRun {
        final QueryMetrics metrics = new QueryMetrics();
        final QueryLogRing ring;
        final QueryLogReader reader;
        final io.meridian.resolver.wire.Query q;
        long now = 1_000_000_000L;
        long nextPoll = now + 250_000_000L;
        long queries;
        long entries;
        long weights;

        RateRun() throws Exception {
            metrics.register();
            ring = metrics.rings().get(0);
            reader = new QueryLogReader(metrics);
            q = decoded("www.example.com.");
        }

        /** Answers at {@code perSecond} for {@code millis} of the made-up clock. */
        RateRun answer(int perSecond, int millis) {
            long gap = 1_000_000_000L / perSecond;
            for (long end = now + millis * 1_000_000L; now < end; now += gap) {
                queries++;
                if (ring.keeps(now)) {
                    ring.record(q, Rcode.NOERROR, false, "example.com.", null, null, -1, now, 0);
                }
                if (now >= nextPoll) {
                    poll();
                    nextPoll += 250_000_000L;
                }
            }
            return this;
        }

        void poll() {
            reader.poll(false, (time, zone, qname, length, weight) -> {
                entries++;
                weights += weight;
            });
        }
    }

    @Test
    void atLowRatesEveryQueryIsLoggedAndAtHighRatesOneInNWithWhatItStandsFor() throws Exception {
        RateRun slow = new RateRun().answer(1_000, 2_000);
        slow.poll();
        assertEquals(2_000, slow.entries, "1,000 a second: every query");
        assertEquals(2_000, slow.weights);

        // A burst from a quiet start, then a steady high rate: never more than the reader keeps up
        // with (nothing dropped), and the entries' weights add up to the queries answered.
        RateRun fast = new RateRun().answer(1_000, 500).answer(200_000, 2_000);
        fast.poll();
        assertEquals(0, fast.reader.dropped(), "the 250 ms reader never fell a ring behind");
        assertTrue(fast.entries < fast.queries / 50, fast.entries + " entries for " + fast.queries + " queries");
        assertTrue(fast.entries > 8 * QueryLogRing.CAPACITY / 4, "eight reads, each of more than a quarter ring: " + fast.entries);
        assertTrue(fast.queries - fast.weights >= 0 && fast.queries - fast.weights < 200,
                "weights " + fast.weights + " stand for the queries " + fast.queries + " (less those since the last entry)");
        assertEquals(fast.weights - fast.entries, fast.reader.sampledOut());

        // The rate falls back: within two windows every query is logged again.
        long before = fast.entries;
        fast.answer(1_000, 100 + 1_000);
        fast.poll();
        assertTrue(fast.entries - before >= 1_000, "back to every query: " + (fast.entries - before));
    }

    private static void answer(QueryStages stages, String... names) throws Exception {
        QuerySlot slot = new QuerySlot(65535);
        for (String name : names) {
            byte[] query = Wire.query(1, name, Type.A);
            System.arraycopy(query, 0, slot.in, 0, query.length);
            slot.inLength = query.length;
            stages.process(slot, false);
        }
    }

    @Test
    void queriesWithoutAReceiveTimeAreCountedButNotTimed() {
        ZoneIndex zones = new ZoneIndex(List.of());
        QueryMetrics metrics = new QueryMetrics();
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(), metrics.register());
        QuerySlot slot = new QuerySlot(512);
        byte[] query = Wire.query(1, "www.example.com.", Type.A);
        System.arraycopy(query, 0, slot.in, 0, query.length);
        slot.inLength = query.length;
        stages.process(slot, false);
        metrics.sample();
        assertEquals(1, metrics.byRcode(Rcode.REFUSED));
        assertEquals(0, metrics.latency().sinceStart(StageLatency.TOTAL).getTotalCount());
    }
}
