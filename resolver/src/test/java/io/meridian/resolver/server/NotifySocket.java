package io.meridian.resolver.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for systemd's notification socket: a Unix datagram socket bound by python3 (the JDK
 * cannot bind one), handing each datagram it receives to the test. The address is a file name, or
 * "@name" for an abstract socket, as in $NOTIFY_SOCKET.
 */
public final class NotifySocket implements AutoCloseable {
    private static final String RECEIVER = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "a = sys.argv[1]",
            "s.bind('\\0' + a[1:] if a.startswith('@') else a)",
            "print('bound', flush=True)",
            "while True:",
            "    print(s.recv(65536).hex(), flush=True)");

    private final String address;
    private final Process python;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    public NotifySocket(String address) throws IOException {
        this.address = address;
        python = new ProcessBuilder("python3", "-c", RECEIVER, address).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"bound".equals(first)) {
            python.destroyForcibly();
            throw new IOException("python3 could not bind " + address + ": " + first);
        }
        Thread reader = new Thread(() -> out.lines().forEach(hex ->
                messages.add(new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8))), "notify-socket");
        reader.setDaemon(true);
        reader.start();
    }

    public String address() {
        return address;
    }

    /** The next datagram's text, or null if none came within {@code timeout}. */
    public String next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        python.destroy();
        python.waitFor(5, TimeUnit.SECONDS);
    }
}
