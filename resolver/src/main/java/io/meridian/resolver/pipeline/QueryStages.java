package io.meridian.resolver.pipeline;

import io.meridian.resolver.wire.ExtendedError;
import io.meridian.resolver.wire.Header;
import io.meridian.resolver.wire.Query;
import io.meridian.resolver.wire.Rcode;
import io.meridian.resolver.wire.ResponseWriter;
import io.meridian.resolver.zone.Answer;
import io.meridian.resolver.zone.QueryEvaluator;
import io.meridian.resolver.zone.ZoneIndex;

import java.util.function.Supplier;

/**
 * The three stages of answering a query, decode -> evaluate -> encode, over a {@link QuerySlot}.
 * One instance per thread (it owns scratch state); UDP rings run them as Disruptor handlers and
 * TCP connections call {@link #process} directly. Nothing here allocates.
 */
public final class QueryStages {
    /** Without EDNS a UDP response is at most 512 bytes (RFC 1035 §4.2.1). */
    static final int CLASSIC_UDP = 512;
    public static final int TCP_MAX = 65535;

    private final Supplier<ZoneIndex> zones;
    private final int maxUdpPayload;
    private final QueryEvaluator evaluator;
    private final ResponseWriter writer = new ResponseWriter();
    private final QueryCounters counters;
    /** UDP responses to replay, or null: set for the data plane's stages (see {@link #withResponseCache}). */
    private ResponseCache cache;
    /** Queries decoded by this instance, to time the stages of one in {@link #STAGE_SAMPLE}. */
    private int decodedCount;
    /** Per-stage timing costs three clock reads; sampling keeps that off most queries (the total is always timed). */
    static final int STAGE_SAMPLE = 16;

    public QueryStages(Supplier<ZoneIndex> zones, int maxUdpPayload) {
        this(zones, maxUdpPayload, new QueryEvaluator());
    }

    /** With a given evaluator, e.g. one with a fixed random seed. */
    public QueryStages(Supplier<ZoneIndex> zones, int maxUdpPayload, QueryEvaluator evaluator) {
        this(zones, maxUdpPayload, evaluator, new QueryCounters(false));
    }

    /** @param counters where this set of stages counts what it answers (see {@link QueryMetrics#register}) */
    public QueryStages(Supplier<ZoneIndex> zones, int maxUdpPayload, QueryEvaluator evaluator, QueryCounters counters) {
        this.zones = zones;
        this.maxUdpPayload = maxUdpPayload;
        this.evaluator = evaluator;
        this.counters = counters;
    }

    /**
     * Gives these stages a cache of {@code entries} UDP responses that {@link #process} replays for
     * repeated queries with static answers (0: none). Returns this.
     */
    public QueryStages withResponseCache(int entries) {
        cache = entries == 0 ? null : new ResponseCache(entries);
        return this;
    }

    /** The response cache, or null (tests). */
    public ResponseCache responseCache() {
        return cache;
    }

    public void decode(QuerySlot slot) {
        boolean timed = ++decodedCount % STAGE_SAMPLE == 0 && slot.receivedNanos != 0;
        slot.timed = timed;
        if (timed) {
            slot.decodeStart = System.nanoTime();
        }
        slot.status = slot.query.decode(slot.in, slot.inLength);
        if (timed) {
            slot.decoded = System.nanoTime();
        }
    }

    public void evaluate(QuerySlot slot, boolean tcp) {
        evaluate(slot, tcp, zones.get());
    }

    private void evaluate(QuerySlot slot, boolean tcp, ZoneIndex index) {
        if (slot.status == Query.OK) {
            evaluator.evaluate(index, slot.query, tcp, slot.answer);
        }
        if (slot.timed) {
            slot.evaluated = System.nanoTime();
        }
    }

    /** Writes the response into {@code slot.out}; {@code slot.outLength} is -1 when nothing is sent. */
    public void encode(QuerySlot slot, boolean tcp) {
        Query q = slot.query;
        if (slot.status == Query.DROP) {
            slot.outLength = -1;
            return;
        }
        int limit = tcp ? Math.min(TCP_MAX, slot.out.length) : udpLimit(q);
        int optSize = q.edns() ? 11 + (q.ecsFamily() == 0 ? 0 : 8 + (q.ecsSourcePrefix() + 7) / 8) : 0;
        writer.begin(q, slot.out, limit - optSize);
        int flags = Header.QR | (q.flags() & (Header.OPCODE_MASK | Header.RD));
        if (slot.status != Query.OK) {
            slot.outLength = errorResponse(q, slot.status, flags, limit);
            counters.record(slot, slot.status, tcp);
            return;
        }
        Answer a = slot.answer;
        // As Knot DNS: RRsets go in whole and in order; the first answer or authority RRset that
        // does not fit, or in-domain glue of a referral (RFC 9471 §3.1), ends the response with TC
        // and keeps what was written; other additional data that does not fit is left out.
        if (!appendSection(a, ResponseWriter.ANSWER) || !appendSection(a, ResponseWriter.AUTHORITY)
                || !appendAdditional(a)) {
            flags |= Header.TC;
        }
        slot.outLength = finish(q, flags | (a.authoritative ? Header.AA : 0) | a.rcode, 0, q.edns(), a.extendedError, a.ecsScope, limit);
        counters.record(slot, a.rcode, tcp);
    }

    /** Answers like {@link #process} over TCP and returns why the routed choices were made (allocates: not for the query path). */
    public io.meridian.resolver.zone.Explanation explain(QuerySlot slot) {
        decode(slot);
        io.meridian.resolver.zone.Explanation why = slot.status == Query.OK
                ? evaluator.explain(zones.get(), slot.query, slot.answer) : new io.meridian.resolver.zone.Explanation();
        encode(slot, true);
        return why;
    }

    public void process(QuerySlot slot, boolean tcp) {
        ZoneIndex index = zones.get();
        boolean cached = !tcp && cache != null && cache.worthTrying();
        if (cached) {
            // Before decoding: the bytes were decoded, and found well-formed, when the entry was kept.
            int entry = cache.replay(index, slot);
            if (entry >= 0) {
                counters.recordReplayed(slot, cache, entry);
                return;
            }
        }
        decode(slot);
        evaluate(slot, tcp, index);
        encode(slot, tcp);
        if (cached && slot.status == Query.OK && !slot.answer.routed && slot.outLength >= 0) {
            cache.keep(slot);
        }
    }

    /**
     * The queries answered on {@code slot} (with {@link QuerySlot#batched}) since the last call are
     * about to be sent together: their latency is recorded now, receipt to send, for all at once.
     */
    public void batchSent(QuerySlot slot) {
        counters.batchSent(slot);
    }

    private boolean appendSection(Answer a, int section) {
        for (int i = 0; i < a.count(section); i++) {
            if (!writer.append(section, a.set(section, i), a.owner(section, i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Additional data the way Knot DNS adds it: per answer RRset, per target, A then AAAA; a
     * target whose record does not fit is skipped, but if the last one tried for an RRset did not
     * fit, no later RRset gets additional data. Returns false when in-domain glue was left out.
     */
    private boolean appendAdditional(Answer a) {
        int section = ResponseWriter.ADDITIONAL;
        int n = a.count(section);
        boolean complete = true;
        int i = 0;
        while (i < n) {
            int group = a.group(i);
            boolean lastFit = true;
            while (i < n && a.group(i) == group) {
                int target = a.target(i);
                boolean fits = true;
                for (; i < n && a.group(i) == group && a.target(i) == target; i++) {
                    if (fits) {
                        fits = writer.append(section, a.set(section, i), a.owner(section, i));
                        complete &= fits || !a.required(i);
                    }
                }
                lastFit = fits;
            }
            if (!lastFit) {
                break;
            }
        }
        return complete;
    }

    private int errorResponse(Query q, int rcode, int flags, int limit) {
        // A FORMERR answers a query we could not read, so it carries no OPT record (as Knot does).
        boolean opt = q.edns() && rcode != Rcode.FORMERR;
        return finish(q, flags | (rcode & Header.RCODE_MASK), rcode >>> 4, opt, ExtendedError.NONE, 0, limit);
    }

    /** {@code ecsScope}: the scope prefix to echo with the query's client subnet (RFC 7871 §7.2.1). */
    private int finish(Query q, int flags, int extendedRcode, boolean opt, int ede, int ecsScope, int limit) {
        if (opt) {
            writer.extendLimit(limit);
            writer.appendOpt(maxUdpPayload, extendedRcode, q.dnssecOk(), ede, q, ecsScope);
        }
        return writer.finish(flags);
    }

    /** RFC 6891 §6.2.5: the client's size, at least 512, at most our configured maximum. */
    int udpLimit(Query q) {
        if (!q.edns()) {
            return CLASSIC_UDP;
        }
        return Math.max(CLASSIC_UDP, Math.min(q.ednsPayload(), maxUdpPayload));
    }
}
