package io.meridian.resolver.pipeline;

import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import io.meridian.resolver.zone.ZoneIndex;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data plane's response cache: a repeated query gets exactly the bytes a fresh evaluation
 * would give it (its own ID, its own letter case and EDNS), a zone change is seen at once, and
 * what does not fit an entry is answered but not kept. (That routed answers are never replayed
 * is checked with the routing rules, in RoutingEvaluationTest.)
 */
class ResponseCacheTest {
    private static final byte[] CLIENT = {(byte) 198, 51, 100, 7};

    /** Queries of every kind of static answer, each a distinct key. */
    private static List<byte[]> queries() throws Exception {
        List<byte[]> q = new ArrayList<>();
        q.add(Wire.query(1, "www.example.com.", Type.A));
        q.add(Wire.query(1, "WwW.ExAmPlE.cOm.", Type.A));
        q.add(Wire.query(1, "www.example.com.", Type.A, 1232, false));
        q.add(Wire.query(1, "www.example.com.", Type.A, 512, true));
        q.add(Wire.query(1, "example.com.", Type.MX));
        q.add(Wire.query(1, "api.example.com.", Type.AAAA));
        q.add(Wire.query(1, "nothing.example.com.", Type.A));
        q.add(Wire.query(1, "x.y.wild.example.com.", Type.A));
        q.add(Wire.query(1, "host.sub.example.com.", Type.A));
        q.add(Wire.query(1, "www.example.com.", Type.TXT));
        q.add(Wire.query(1, "www.elsewhere.org.", Type.A));
        q.add(Wire.query(1, "loop1.example.com.", Type.A));
        Message ecs = Message.newQuery(Record.newRecord(org.xbill.DNS.Name.fromString("www.example.com."), Type.A, DClass.IN));
        ecs.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(
                new ClientSubnetOption(24, InetAddress.getByName("203.0.113.0")))), Section.ADDITIONAL);
        q.add(ecs.toWire());
        return q;
    }

    @Test
    void aRepeatedQueryGetsTheBytesAFreshAnswerWouldWithItsOwnId() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        QueryStages cached = new QueryStages(() -> zones, 1232).withResponseCache(64);
        QueryStages fresh = new QueryStages(() -> zones, 1232);
        for (byte[] query : queries()) {
            for (int id : new int[] {0x1111, 0xBEEF, 0x0102}) {
                byte[] expected = answer(fresh, withId(query, id));
                assertArrayEquals(expected, answer(cached, withId(query, id)), Wire.parse(query, query.length).getQuestion().toString());
            }
            assertTrue(replays(cached, zones, query), "kept: " + Wire.parse(query, query.length).getQuestion());
        }
    }

    @Test
    void aZoneChangeIsAnsweredAtOnce() throws Exception {
        AtomicReference<ZoneIndex> zones = new AtomicReference<>(new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM))));
        QueryStages stages = new QueryStages(zones::get, 1232).withResponseCache(64);
        byte[] query = Wire.query(7, "www.example.com.", Type.A);
        assertEquals("192.0.2.80", address(answer(stages, query)));
        assertEquals("192.0.2.80", address(answer(stages, query)));

        zones.set(new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM.replace("www A 192.0.2.80", "www A 192.0.2.81")))));
        assertEquals("192.0.2.81", address(answer(stages, query)));
        assertEquals("192.0.2.81", address(answer(stages, query)));
    }

    @Test
    void aResponseLargerThanAnEntryIsAnsweredButNotKept() throws Exception {
        String big = "x".repeat(250);
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM + "big TXT \"" + big + "\"\n")));
        QueryStages stages = new QueryStages(() -> zones, 1232).withResponseCache(64);
        byte[] query = Wire.query(3, "big.example.com.", Type.TXT);
        for (int i = 0; i < 2; i++) {
            Message m = Wire.parse(answer(stages, query), stagesOutLength);
            assertEquals(big, m.getSection(Section.ANSWER).get(0).rdataToString().replace("\"", ""));
        }
        assertTrue(!replays(stages, zones, query), "a " + stagesOutLength + "-byte response is not kept");
    }

    @Test
    void entriesCompetingForOneSetAreNeverMixedUp() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        QueryStages tiny = new QueryStages(() -> zones, 1232).withResponseCache(ResponseCache.WAYS);
        QueryStages fresh = new QueryStages(() -> zones, 1232);
        List<byte[]> all = queries();
        for (int round = 0; round < 3; round++) {
            for (byte[] query : all) {
                assertArrayEquals(answer(fresh, query), answer(tiny, query));
            }
        }
    }

    /**
     * Queries that come round in a cycle, one more of them than a set has ways: were a full set to
     * give up its entries in the order they came, each would be evicted just before it was asked
     * again and none would ever hit.
     */
    @Test
    void aCycleOfOneQueryMoreThanASetHoldsStillMostlyHits() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        QueryStages oneSet = new QueryStages(() -> zones, 1232).withResponseCache(ResponseCache.WAYS);
        List<byte[]> cycle = new ArrayList<>();
        for (int i = 0; i <= ResponseCache.WAYS; i++) {
            cycle.add(Wire.query(1, "h" + i + ".wild.example.com.", Type.A));
        }
        int hits = 0;
        int asked = 0;
        for (int round = 0; round < 10; round++) {
            for (byte[] query : cycle) {
                if (round >= 2) {
                    asked++;
                    hits += replays(oneSet, zones, query) ? 1 : 0;
                }
                answer(oneSet, query);
            }
        }
        assertTrue(hits * 2 > asked, hits + " of " + asked + " replayed");
    }

    /**
     * Tags are hashes, so two keys may share one: a key of the same length that differs only in the
     * question, only in the header or only in the OPT record is kept under the tag of the query
     * asked (as if their hashes collided) and must not be replayed for it.
     */
    @Test
    void anEntryUnderAnotherKeysTagIsNotReplayedForThatKey() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        QueryStages fresh = new QueryStages(() -> zones, 1232);
        byte[] asked = Wire.query(1, "www.example.com.", Type.A, 1232, false);
        byte[] noRecursion = asked.clone();
        noRecursion[2] ^= 0x01; // RD
        List<byte[]> others = List.of(Wire.query(1, "api.example.com.", Type.A, 1232, false), noRecursion,
                Wire.query(1, "www.example.com.", Type.A, 1233, false));
        for (byte[] other : others) {
            assertEquals(asked.length, other.length);
            ResponseCache cache = new ResponseCache(ResponseCache.WAYS);
            assertEquals(-1, cache.replay(zones, slotFor(asked)), "empty");
            QuerySlot kept = slotFor(other);
            fresh.process(kept, false);
            cache.keep(kept); // under the tag of the miss just before: asked's
            assertEquals(-1, cache.replay(zones, slotFor(asked)), "another key's entry replayed: " + Arrays.toString(other));

            QuerySlot right = slotFor(asked);
            assertEquals(-1, cache.replay(zones, right));
            fresh.process(right, false);
            cache.keep(right);
            QuerySlot again = slotFor(asked);
            assertTrue(cache.replay(zones, again) >= 0, "its own entry");
            assertArrayEquals(Arrays.copyOf(right.out, right.outLength), Arrays.copyOf(again.out, again.outLength));
        }
    }

    @Test
    void trafficThatSeldomRepeatsBypassesTheCacheUntilRepeatsComeBack() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        QueryStages stages = new QueryStages(() -> zones, 1232).withResponseCache(64);
        ResponseCache cache = stages.responseCache();
        for (int i = 0; i < ResponseCache.WINDOW; i++) {
            answer(stages, Wire.query(i, "n" + i + ".example.com.", Type.A));
        }
        assertTrue(cache.bypassing(), "a window of names that never repeat");
        byte[] www = Wire.query(9, "www.example.com.", Type.A);
        int queries = 0;
        while (cache.bypassing() && queries < 2 * ResponseCache.WINDOW * ResponseCache.PROBE_EVERY) {
            assertEquals("192.0.2.80", address(answer(stages, www)));
            queries++;
        }
        assertTrue(!cache.bypassing(), "repeats bring the cache back");
        assertTrue(queries > ResponseCache.WINDOW, "only probes were counted while bypassing: " + queries);
        assertTrue(replays(stages, zones, www));
    }

    @Test
    void replayedQueriesAreCountedAndLoggedLikeOthers() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        QueryMetrics metrics = new QueryMetrics();
        QueryLogReader reader = new QueryLogReader(metrics);
        QueryStages stages = new QueryStages(() -> zones, 1232, new io.meridian.resolver.zone.QueryEvaluator(),
                metrics.register()).withResponseCache(64);
        byte[] www = Wire.query(1, "WWW.example.com.", Type.A);
        byte[] none = Wire.query(2, "nothing.example.com.", Type.AAAA);
        Message ecs = Message.newQuery(Record.newRecord(org.xbill.DNS.Name.fromString("Mail.Example.com."), Type.AAAA, DClass.IN));
        ecs.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(
                new ClientSubnetOption(20, InetAddress.getByName("203.0.112.0")))), Section.ADDITIONAL);
        long before = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            answer(stages, www);
            answer(stages, none);
            answer(stages, ecs.toWire());
        }
        long after = System.currentTimeMillis();
        assertTrue(replays(stages, zones, www) && replays(stages, zones, none) && replays(stages, zones, ecs.toWire()));

        List<QueryLogReader.Entry> entries = reader.poll();
        assertEquals(9, entries.size());
        for (int i = 0; i < 9; i += 3) {
            QueryLogReader.Entry a = entries.get(i);
            assertTrue(a.timeMillis() >= before && a.timeMillis() <= after, "logged at " + a.timeMillis());
            assertTrue(a.latencyNanos() >= 0);
            assertEquals("www.example.com.", a.name());
            assertEquals(Type.A, a.type());
            assertEquals("example.com.", a.zone());
            assertEquals(List.of("192.0.2.80"), a.answer().rdataText());
            assertEquals("198.51.100.7", a.resolver());
            QueryLogReader.Entry b = entries.get(i + 1);
            assertEquals(Rcode.NXDOMAIN, b.rcode());
            assertEquals("example.com.", b.zone());
            assertEquals("-", b.subnet());
            QueryLogReader.Entry c = entries.get(i + 2);
            assertEquals("mail.example.com.", c.name());
            assertEquals(Type.AAAA, c.type());
            assertEquals("203.0.112.0/20", c.subnet());
            assertEquals(List.of("2001:db8:0:0:0:0:0:25"), c.answer().rdataText());
        }
        assertEquals(3, metrics.byRcode(Rcode.NXDOMAIN));
        assertEquals(6, metrics.byType(Type.AAAA));
    }

    private int stagesOutLength;

    private byte[] answer(QueryStages stages, byte[] query) {
        QuerySlot slot = slotFor(query);
        slot.receivedNanos = System.nanoTime();
        stages.process(slot, false);
        stagesOutLength = slot.outLength;
        return Arrays.copyOf(slot.out, slot.outLength);
    }

    /** A slot holding {@code query}, asked by {@link #CLIENT}. */
    private static QuerySlot slotFor(byte[] query) {
        QuerySlot slot = new QuerySlot(1232);
        System.arraycopy(query, 0, slot.in, 0, query.length);
        slot.inLength = query.length;
        slot.query.source(CLIENT, 0, CLIENT.length);
        return slot;
    }

    private static boolean replays(QueryStages stages, ZoneIndex zones, byte[] query) {
        return stages.responseCache().replay(zones, slotFor(query)) >= 0;
    }

    private static byte[] withId(byte[] query, int id) {
        byte[] q = query.clone();
        q[0] = (byte) (id >>> 8);
        q[1] = (byte) id;
        return q;
    }

    private static String address(byte[] response) {
        return Wire.parse(response, response.length).getSection(Section.ANSWER).get(0).rdataToString();
    }
}
