package io.meridian.resolver.reference;

import static org.junit.jupiter.api.Assertions.fail;

import io.meridian.resolver.reference.KnotServer.ZoneFile;
import io.meridian.resolver.reference.QueryCorpus.CorpusQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sends the same few thousand queries to Knot (side A, the reference) and to the server under
 * test (side B, see {@link ServerUnderTest}) and fails if any pair of responses differs in a way
 * a client could observe.
 */
class KnotDifferentialTest {

    /** Fixed so that a reported query is sent again, identically, by the next run. */
    private static final long SEED = 20_240_601L;
    private static final int REPORTED = Integer.getInteger("knotdiff.reported", 50);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void serverUnderTestAnswersLikeKnot() throws Exception {
        Path base = DifferentialRun.freshDirectory(Path.of("target", "knotdiff"));
        List<ZoneFile> zones = writeZones(base.resolve("zones"));
        List<CorpusQuery> corpus = QueryCorpus.generate(zones, SEED);
        long tcpCount = corpus.stream().filter(CorpusQuery::tcp).count();

        DifferentialRun.Answers answers = DifferentialRun.run(base, zones, corpus);
        DifferentialRun.Outcome outcome = DifferentialRun.compare(corpus, answers,
                (i, knot, ours) -> MalformedQueries.FORMERR_WHERE_KNOT_DROPS.contains(corpus.get(i).description())
                        ? formerrWhereKnotDrops(knot, ours)
                        : ResponseComparison.differences(knot, ours),
                REPORTED);

        String summary = String.format("compared %d queries (%d over TCP) in %d ms, server start-up included;"
                + " %d differ", corpus.size(), tcpCount, answers.millis(), outcome.differing());
        System.out.println("KnotDifferentialTest: " + summary);
        if (outcome.differing() > 0) {
            fail(summary + ". The first " + Math.min(outcome.differing(), REPORTED)
                    + " (A is Knot, B the server under test):\n" + outcome.report());
        }
    }

    private static List<String> formerrWhereKnotDrops(Optional<byte[]> knot, Optional<byte[]> ours) {
        List<String> out = new ArrayList<>();
        if (knot.isPresent()) {
            out.add("Knot now answers a query it used to drop; revisit MalformedQueries.FORMERR_WHERE_KNOT_DROPS");
        }
        if (ours.isEmpty() || ours.get().length < 12 || (ours.get()[3] & 0x0F) != 1 || (ours.get()[2] & 0x80) == 0) {
            out.add("expected a FORMERR response from the server under test");
        }
        return out;
    }

    /**
     * The test zones: each record is here because it exercises one answer path (CNAME chains,
     * wildcards, delegations, truncation, ...); {@link QueryCorpus} derives the questions.
     */
    private static List<ZoneFile> writeZones(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder com = new StringBuilder("""
               $ORIGIN example.com.
               $TTL 3600
               @        SOA   ns1 hostmaster 2024060101 7200 3600 1209600 300
               @        NS    ns1
               @        NS    ns2.example.org.
               @        MX    10 mail
               @        MX    20 mx.example.org.
               @        A     192.0.2.1
               @        AAAA  2001:db8::1
               @        TXT   "v=spf1 -all"
               @        TXT   "apex text" "in two strings"
               ns1      A     192.0.2.53
               ns1      AAAA  2001:db8::53
               mail     A     192.0.2.25
               mail     AAAA  2001:db8::25
               www      A     192.0.2.80
               www      AAAA  2001:db8::80
               www      TXT   "Case In TXT Data Matters"
               MiXeD    300 A 192.0.2.81
               ; CNAME chains of length 1, 2 and 3, all ending at www
               c1       CNAME www
               c2       CNAME c1
               c3       CNAME c2
               ext      CNAME www.example.org.
               loop1    CNAME loop2
               loop2    CNAME loop1
               self     CNAME self
               dangling CNAME nothere
               towild   CNAME anything.wild
               tosub    CNAME www.sub
               tonet    CNAME www.example.net.
               *.wild   A     192.0.2.100
               *.wild   MX    10 mail
               *.wild   TXT   "synthesised from a wildcard"
               host.wild A    192.0.2.101
               *.cnwild CNAME www
               ; b.c.ent, c.ent and ent exist only as empty non-terminals
               a.b.c.ent TXT  "below empty non-terminals"
               sub      NS    ns1.sub
               sub      NS    ns2.sub
               sub      NS    ns.example.org.
               sub      DS    12345 13 2 2BB183AF5F22588179A53B0A98631FAD1A292118FE8AD5BA6BDB1B2E9F5C4B8E
               ns1.sub  A     192.0.2.201
               ns1.sub  AAAA  2001:db8::201
               ns2.sub  A     192.0.2.202
               occluded.sub A 192.0.2.203
               _sip._tcp SRV  10 60 5060 sip
               _xmpp._tcp SRV 5 0 5269 xmpp.example.org.
               sip      A     192.0.2.60
               ptr      PTR   www
               ; six records of two strings each: about 1.5 kB, more than fits in 1232 bytes
               big      TXT   "part1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "second-string-of-part1-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
               big      TXT   "part2-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "second-string-of-part2-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
               big      TXT   "part3-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "second-string-of-part3-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
               big      TXT   "part4-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "second-string-of-part4-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
               big      TXT   "part5-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "second-string-of-part5-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
               big      TXT   "part6-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "second-string-of-part6-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
               """);
        for (int i = 1; i <= 300; i++) {
            com.append(String.format("host-%03d A 198.18.%d.%d%n", i, i / 200, i % 200 + 1));
            com.append(String.format("host-%03d AAAA 2001:db8:1::%x%n", i, i));
        }
        Path comFile = dir.resolve("example.com.zone");
        Files.writeString(comFile, com);
        Path netFile = dir.resolve("example.net.zone");
        Files.writeString(netFile, """
               $ORIGIN example.net.
               $TTL 3600
               @        SOA   ns1 hostmaster 1 7200 3600 1209600 300
               @        NS    ns1
               ns1      A     192.0.2.153
               www      A     192.0.2.180
               child    NS    ns1.child
               child    DS    54321 13 2 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
               ns1.child A    192.0.2.154
               """);
        Path childFile = dir.resolve("child.example.net.zone");
        Files.writeString(childFile, """
               $ORIGIN child.example.net.
               $TTL 600
               @        SOA   ns1 hostmaster 7 7200 3600 1209600 60
               @        NS    ns1
               ns1      A     192.0.2.154
               www      A     192.0.2.181
               www      TXT   "served by the child zone"
               """);
        return List.of(new ZoneFile("example.com.", comFile), new ZoneFile("example.net.", netFile),
                new ZoneFile("child.example.net.", childFile));
    }
}
