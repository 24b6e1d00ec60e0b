package io.meridian.resolver.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Tells systemd how the service is doing (sd_notify(3)), for a {@code Type=notify} unit: READY=1
 * once zones are loaded and the sockets bound, RELOADING=1 ... READY=1 around a reload, STOPPING=1
 * on the way out. The message is a datagram to the Unix socket in {@code $NOTIFY_SOCKET}, sent by
 * the JNI library (src/main/c/sd_notify.c); without that variable (not started by systemd) every
 * call does nothing.
 */
public final class SystemdNotify {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
    /** What {@link #send} returns when the JNI library is not in the jar or did not load. */
    static final int NO_LIBRARY = Integer.MIN_VALUE;

    private SystemdNotify() {
    }

    /** Zones are loaded and DNS answers: systemd may start what is ordered after Meridian. */
    public static void ready() {
        notify("READY=1");
    }

    /**
     * A reload began; {@link #ready()} ends it. MONOTONIC_USEC lets systemd 253+ match the message
     * to its reload request (Type=notify-reload); System.nanoTime() reads CLOCK_MONOTONIC on Linux.
     */
    public static void reloading() {
        notify("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000);
    }

    /** Shutting down: systemd shows "deactivating" instead of taking the exit for a crash. */
    public static void stopping() {
        notify("STOPPING=1");
    }

    private static void notify(String state) {
        String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return;
        }
        int result = send(socket, state);
        if (result != 0) {
            // Not fatal: DNS serves either way, but systemd may time the start out; say why.
            LOG.warn("could not tell systemd {} through NOTIFY_SOCKET {}: {}", state.replace('\n', ' '), socket,
                    result == NO_LIBRARY ? "the native library is not in this build (no C compiler)" : "errno " + -result);
        }
    }

    /** Sends one state datagram to {@code socket} (a path, or "@name" for an abstract socket): 0, or -errno. */
    static int send(String socket, String state) {
        // The same library as batched UDP; NativeUdp loads it.
        if (!NativeUdp.AVAILABLE) {
            return NO_LIBRARY;
        }
        return send(socket.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
    }

    private static native int send(byte[] socket, byte[] state);
}
