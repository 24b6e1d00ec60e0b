package io.meridian.resolver.pipeline;

import io.meridian.resolver.wire.Query;
import io.meridian.resolver.zone.Answer;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One pre-allocated ring slot: the received datagram, its decoded query, the decision, and
 * the response bytes. Slots are reused forever, so the query path allocates nothing.
 */
public final class QuerySlot {
    /** Largest query accepted over UDP; longer datagrams are cut and then fail to parse. */
    public static final int MAX_QUERY = 4096;

    public final byte[] in;
    public final ByteBuffer inBuffer;
    public final byte[] out;
    public final ByteBuffer outBuffer;
    public final Query query = new Query();
    public final Answer answer = new Answer();
    public int inLength;
    public int status;
    public int outLength;
    public SocketAddress client;
    /** System.nanoTime() when the query was read from its socket, 0 when unknown: latency starts here. */
    public long receivedNanos;
    /**
     * Whether the answer leaves with the others of its batch in one send (the batched UDP loop):
     * the whole batch's latency is then recorded once, as it is sent ({@link QueryStages#batchSent}),
     * and the query reads no clock of its own unless its stages are timed or it is logged.
     */
    public boolean batched;
    /** Whether this query's stages are timed one by one (a sample: see QueryStages), and when each ended. */
    boolean timed;
    long decodeStart;
    long decoded;
    long evaluated;

    /** Records the peer's address on the query, for routing by client (a JDK socket address; null: unknown). */
    public void source(SocketAddress from) {
        if (from instanceof java.net.InetSocketAddress isa && isa.getAddress() != null) {
            byte[] a = isa.getAddress().getAddress();
            query.source(a, 0, a.length);
        } else {
            query.source(in, 0, 0);
        }
    }

    /**
     * Records the peer's address from a Linux struct sockaddr (host byte order family: AF_INET 2,
     * AF_INET6 10) without allocating.
     */
    public void source(byte[] sockaddr, int offset) {
        int family = (sockaddr[offset] & 0xFF) | (sockaddr[offset + 1] & 0xFF) << 8;
        if (family == 2) {
            query.source(sockaddr, offset + 4, 4);
        } else if (family == 10) {
            query.source(sockaddr, offset + 8, 16);
        } else {
            query.source(sockaddr, offset, 0);
        }
    }

    public QuerySlot(int maxResponse) {
        in = new byte[MAX_QUERY];
        inBuffer = ByteBuffer.wrap(in);
        out = new byte[maxResponse];
        outBuffer = ByteBuffer.wrap(out);
    }
}
