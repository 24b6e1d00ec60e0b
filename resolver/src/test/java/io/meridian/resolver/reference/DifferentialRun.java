package io.meridian.resolver.reference;

import io.meridian.resolver.reference.KnotServer.ZoneFile;
import io.meridian.resolver.reference.QueryCorpus.CorpusQuery;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * What every differential test does the same way: serve one set of zone files from Knot (side A,
 * the reference) and from the server under test (side B, see {@link ServerUnderTest}), send each
 * query of a corpus to both, and report the pairs of answers that differ.
 */
final class DifferentialRun {

    private static final Duration UDP_TIMEOUT = Duration.ofMillis(400);
    private static final int UDP_ATTEMPTS = 2;
    private static final Duration TCP_TIMEOUT = Duration.ofSeconds(3);
    /** TCP queries go out pipelined, in corpus order, in groups of this size as RFC 7766 allows. */
    private static final int TCP_BATCH = 8;

    /**
     * Both sides' answers, in corpus order (an empty Optional where a side did not answer), what
     * Knot logged while it ran, and how long the run took with server start-up included.
     */
    record Answers(List<Optional<byte[]>> reference, List<Optional<byte[]>> subject, String referenceLog,
            long millis) {
    }

    /** Decides, for the query at one corpus index, how its two answers differ (empty: they agree). */
    interface Judge {
        List<String> differences(int index, Optional<byte[]> reference, Optional<byte[]> subject);
    }

    /** The verdict over a whole corpus: how many queries differ, and the first ones in detail. */
    record Outcome(int differing, String report) {
    }

    private DifferentialRun() {
    }

    /** Empties {@code dir}: stale Knot databases or zone stores from an earlier run must not leak state in. */
    static Path freshDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute)) {
            try (Stream<Path> paths = Files.walk(absolute)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return absolute;
    }

    /** Starts both servers on {@code zones} under {@code base}, sends them the corpus, stops them. */
    static Answers run(Path base, List<ZoneFile> zones, List<CorpusQuery> corpus) throws Exception {
        long started = System.nanoTime();
        // A few threads hide loopback round-trip latency and the timeouts of deliberately
        // unanswered queries; more would only compete with the servers for two cores.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (KnotServer reference = KnotServer.start(base.resolve("side-a"), zones);
                DnsServerUnderTest subject = startSubject(base.resolve("side-b"), zones)) {
            List<Exchange> tasksA = exchanges(reference.address(), corpus);
            List<Exchange> all = new ArrayList<>(tasksA);
            all.addAll(exchanges(subject.address(), corpus));
            List<Future<Map<Integer, Optional<byte[]>>>> done = pool.invokeAll(all);
            List<Optional<byte[]>> answersA = collect(done.subList(0, tasksA.size()), corpus.size());
            List<Optional<byte[]>> answersB = collect(done.subList(tasksA.size(), done.size()), corpus.size());
            return new Answers(answersA, answersB, reference.logText(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts side B, again if its port was taken: it binds any free UDP port and then TCP on the
     * same number, which another socket (even a client connection of an earlier run) may hold.
     * That is a race of the set-up, not an answer to compare, so it is retried a few times.
     */
    private static DnsServerUnderTest startSubject(Path dir, List<ZoneFile> zones) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return ServerUnderTest.start(dir, zones);
            } catch (BindException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Judges every pair; the report shows the first {@code reported} differing ones with both answers. */
    static Outcome compare(List<CorpusQuery> corpus, Answers answers, Judge judge, int reported) {
        StringBuilder report = new StringBuilder();
        int differing = 0;
        for (int i = 0; i < corpus.size(); i++) {
            Optional<byte[]> a = answers.reference().get(i);
            Optional<byte[]> b = answers.subject().get(i);
            List<String> differences = judge.differences(i, a, b);
            if (differences.isEmpty()) {
                continue;
            }
            if (++differing <= reported) {
                report.append("\n#").append(i).append(' ').append(corpus.get(i).description()).append('\n');
                differences.forEach(d -> report.append("  - ").append(d).append('\n'));
                report.append("  A (Knot):\n").append(indent(ResponseComparison.describe(a)));
                report.append("  B (under test):\n").append(indent(ResponseComparison.describe(b)));
            }
        }
        return new Outcome(differing, report.toString());
    }

    /** Sends some corpus queries to one server; yields their answers keyed by corpus index. */
    private interface Exchange extends Callable<Map<Integer, Optional<byte[]>>> {
    }

    /**
     * One task per UDP query and one per batch of TCP queries, each yielding answers keyed by
     * corpus index; an unanswered query maps to an empty Optional.
     */
    private static List<Exchange> exchanges(InetSocketAddress server, List<CorpusQuery> corpus) {
        List<Exchange> tasks = new ArrayList<>();
        List<Integer> tcpIndexes = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            CorpusQuery query = corpus.get(i);
            if (query.tcp()) {
                tcpIndexes.add(i);
            } else {
                int index = i;
                tasks.add(() -> Map.of(index, DnsClient.udp(server, query.wire(), UDP_TIMEOUT, UDP_ATTEMPTS)));
            }
        }
        for (int from = 0; from < tcpIndexes.size(); from += TCP_BATCH) {
            List<Integer> batch = tcpIndexes.subList(from, Math.min(from + TCP_BATCH, tcpIndexes.size()));
            tasks.add(() -> {
                List<byte[]> wires = batch.stream().map(i -> corpus.get(i).wire()).toList();
                // Pipelined answers may come in any order; corpus IDs are unique, so match by ID.
                Map<Integer, byte[]> byId = new HashMap<>();
                for (byte[] response : DnsClient.tcpPipelined(server, wires, TCP_TIMEOUT)) {
                    byId.putIfAbsent(id(response), response);
                }
                Map<Integer, Optional<byte[]>> answers = new HashMap<>();
                batch.forEach(i -> answers.put(i, Optional.ofNullable(byId.get(id(corpus.get(i).wire())))));
                return answers;
            });
        }
        return tasks;
    }

    private static List<Optional<byte[]>> collect(List<Future<Map<Integer, Optional<byte[]>>>> done, int size)
            throws InterruptedException, ExecutionException {
        List<Optional<byte[]>> answers = new ArrayList<>(Collections.nCopies(size, Optional.<byte[]>empty()));
        for (Future<Map<Integer, Optional<byte[]>>> future : done) {
            future.get().forEach(answers::set);
        }
        return answers;
    }

    private static int id(byte[] wire) {
        return wire.length < 2 ? -1 : (wire[0] & 0xff) << 8 | (wire[1] & 0xff);
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
    }
}
