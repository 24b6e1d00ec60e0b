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

    public QuerySlot(int maxResponse) {
        in = new byte[MAX_QUERY];
        inBuffer = ByteBuffer.wrap(in);
        out = new byte[maxResponse];
        outBuffer = ByteBuffer.wrap(out);
    }
}
