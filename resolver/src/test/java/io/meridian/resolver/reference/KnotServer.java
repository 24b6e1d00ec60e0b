package io.meridian.resolver.reference;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Knot DNS (the reference implementation) run as a child process on a free loopback port,
 * configured so that it serves the given zone files exactly as written.
 */
public final class KnotServer implements DnsServerUnderTest {

    /** A zone to serve: its origin (absolute, e.g. {@code example.com.}) and its master file. */
    public record ZoneFile(String origin, Path file) {
    }

    /** Where Debian's {@code knot} package puts the daemon; scripts/test installs it. */
    static final Path KNOTD = Path.of("/usr/sbin/knotd");

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;
    /** A foreground knotd outlives a JVM that exits without close(); this hook prevents that. */
    private final Thread killOnExit;

    private KnotServer(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "knotd-killer");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts knotd in the foreground (so that it is our child, its output is ours, and stopping
     * it is a plain signal) and returns once every zone answers a SOA query over UDP.
     */
    public static KnotServer start(Path workDir, List<ZoneFile> zones) throws IOException, InterruptedException {
        if (!Files.isExecutable(KNOTD)) {
            // Not an assumption/skip: the reference comparison is part of the suite, and a
            // silent skip would let Meridian drift from Knot unnoticed.
            throw new IllegalStateException(KNOTD + " is missing: install Knot DNS (apt-get install knot; "
                    + "scripts/test does this) to run the reference comparison");
        }
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("db"));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        Path conf = dir.resolve("knot.conf");
        Files.writeString(conf, config(dir, address, zones), StandardCharsets.UTF_8);
        Path log = dir.resolve("knotd.log");
        Process process = new ProcessBuilder(KNOTD.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                // A file, not a pipe: nobody drains a pipe while tests run, and a full pipe
                // would block knotd's logging and so the server itself.
                .redirectOutput(log.toFile())
                .start();
        KnotServer server = new KnotServer(process, address, log);
        try {
            server.awaitZones(zones);
            return server;
        } catch (RuntimeException | IOException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook will run anyway.
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void awaitZones(List<ZoneFile> zones) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        for (ZoneFile zone : zones) {
            while (!answersSoa(zone.origin())) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("knotd exited with status " + process.exitValue()
                            + " before serving " + zone.origin() + "; its output:\n" + logText());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("knotd did not serve " + zone.origin() + " within "
                            + STARTUP_LIMIT.toSeconds() + " s; its output:\n" + logText());
                }
                Thread.sleep(50);
            }
        }
    }

    /** True once Knot has loaded the zone: before that it answers SERVFAIL or not at all. */
    private boolean answersSoa(String origin) throws IOException {
        Name name = Name.fromString(origin, Name.root);
        Message query = Message.newQuery(Record.newRecord(name, Type.SOA, DClass.IN));
        Optional<byte[]> wire = DnsClient.udp(address, query.toWire(), Duration.ofMillis(200), 1);
        if (wire.isEmpty()) {
            return false;
        }
        Message response = new Message(wire.get());
        return response.getRcode() == Rcode.NOERROR
                && response.getSection(Section.ANSWER).stream()
                        .anyMatch(r -> r.getType() == Type.SOA && r.getName().equals(name));
    }

    /** Everything knotd has logged so far: start-up, zone loading (warnings included), shutdown. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    /**
     * Knot listens on one port for both transports, so the port must be free for UDP and TCP at
     * once; holding both sockets while choosing guarantees that at the moment of the choice.
     */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()))) {
                    return udp.getLocalPort();
                } catch (IOException e) {
                    // The UDP side of this port is taken; try another one.
                }
            }
        }
        throw new IOException("no loopback port was free for both UDP and TCP");
    }

    private static String config(Path dir, InetSocketAddress address, List<ZoneFile> zones) {
        StringBuilder conf = new StringBuilder();
        conf.append("server:\n")
                .append("    listen: ").append(address.getAddress().getHostAddress()).append('@')
                .append(address.getPort()).append('\n')
                .append("    rundir: ").append(quote(dir.resolve("run"))).append('\n')
                // Empty identity/version: CH TXT id.server/version.bind must not leak a
                // host name or build into answers that we compare byte for byte.
                .append("    identity: \"\"\n")
                .append("    version: \"\"\n")
                // The DNS Flag Day 2020 size: UDP answers above it are truncated (TC), and
                // the server under test must use the same limit for truncation to match.
                .append("    udp-max-payload: 1232\n")
                // Two cores are shared with the build; Knot's defaults scale to all of them.
                .append("    udp-workers: 2\n")
                .append("    tcp-workers: 2\n")
                .append("    background-workers: 1\n")
                .append("database:\n")
                .append("    storage: ").append(quote(dir.resolve("db"))).append('\n')
                .append("log:\n")
                .append("  - target: stderr\n")
                .append("    any: info\n")
                .append("template:\n")
                .append("  - id: default\n")
                .append("    storage: ").append(quote(dir)).append('\n')
                // Test zones deliberately hold what semantic checks reject (CNAME loops,
                // dangling CNAMEs); Meridian must serve them as written, so Knot must too.
                .append("    semantic-checks: off\n")
                // Never write back to the zone files: both servers read the same ones.
                .append("    zonefile-sync: -1\n")
                .append("    journal-content: none\n")
                .append("zone:\n");
        for (ZoneFile zone : zones) {
            conf.append("  - domain: ").append(quote(zone.origin())).append('\n')
                    .append("    file: ").append(quote(zone.file().toAbsolutePath())).append('\n');
        }
        return conf.toString();
    }

    private static String quote(Object value) {
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
