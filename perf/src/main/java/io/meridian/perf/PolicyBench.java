package io.meridian.perf;

import io.meridian.resolver.geo.GeoDatabase;
import io.meridian.resolver.geo.GeoView;
import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.zone.HealthStatus;
import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RoutingContext;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ZoneCompiler;
import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneFileParser;
import io.meridian.resolver.zone.ZoneIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The evaluate stage for one name of each routing policy, queried with an EDNS Client Subnet
 * (geo policies place it with a small built-in range table). Run with {@code -prof gc}: 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dchronicle.analytics.disable=true"})
public class PolicyBench {
    @Param({"simple", "weighted", "failover", "multivalue", "geolocation", "latency", "geoproximity", "ip"})
    String policy = "weighted";

    private QuerySlot slot;
    private QueryStages stages;

    static final String ORIGIN = "policy.meridian.test.";

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("policy-bench");
        Files.writeString(dir.resolve("geoip"), "3325256704,3325256959,FR\n3405803776,3405804031,US\n");
        GeoView geo = new GeoView();
        geo.set(GeoDatabase.loadTor(dir));
        RoutingContext routing = new RoutingContext() {
            @Override
            public int healthSlot(String checkId) {
                return 0;
            }

            @Override
            public HealthStatus health() {
                return slot -> true;
            }

            @Override
            public List<String> cidrBlocks(String collectionId, String location) {
                return location.equals("office") ? List.of("198.51.100.0/24") : List.of("203.0.113.0/24", "10.0.0.0/8");
            }

            @Override
            public GeoView geo() {
                return geo;
            }
        };
        Path zoneFile = dir.resolve("zone");
        Files.writeString(zoneFile, "$ORIGIN " + ORIGIN + "\n@ 300 SOA ns hostmaster 1 3600 600 86400 60\n@ 300 NS ns\n"
                + "ns 300 A 192.0.2.53\nsimple 300 A 192.0.2.1\n");
        ZoneContent plain = ZoneFileParser.parse(zoneFile, null);
        Name name = Name.fromString(policy + "." + ORIGIN);
        List<RecordSet> routed = new ArrayList<>();
        switch (policy) {
            case "weighted" -> {
                routed.add(set(name, "a", new RoutingPolicy.Weighted(1), "192.0.2.1"));
                routed.add(set(name, "b", new RoutingPolicy.Weighted(3), "192.0.2.2"));
            }
            case "failover" -> {
                routed.add(set(name, "p", new RoutingPolicy.Failover("PRIMARY"), "192.0.2.1"));
                routed.add(set(name, "s", new RoutingPolicy.Failover("SECONDARY"), "192.0.2.2"));
            }
            case "multivalue" -> {
                for (int i = 1; i <= 4; i++) {
                    routed.add(set(name, "m" + i, new RoutingPolicy.MultiValue(), "192.0.2." + i));
                }
            }
            case "geolocation" -> {
                routed.add(set(name, "fr", new RoutingPolicy.Geolocation(null, "FR", null), "192.0.2.1"));
                routed.add(set(name, "eu", new RoutingPolicy.Geolocation("EU", null, null), "192.0.2.2"));
                routed.add(set(name, "any", new RoutingPolicy.Geolocation(null, "*", null), "192.0.2.3"));
            }
            case "latency" -> {
                routed.add(set(name, "paris", new RoutingPolicy.Latency("eu-west-3"), "192.0.2.1"));
                routed.add(set(name, "virginia", new RoutingPolicy.Latency("us-east-1"), "192.0.2.2"));
                routed.add(set(name, "tokyo", new RoutingPolicy.Latency("ap-northeast-1"), "192.0.2.3"));
            }
            case "geoproximity" -> {
                routed.add(set(name, "paris", new RoutingPolicy.Geoproximity(null, null, "48.85", "2.35", 10), "192.0.2.1"));
                routed.add(set(name, "virginia", new RoutingPolicy.Geoproximity("us-east-1", null, null, null, null), "192.0.2.2"));
            }
            case "ip" -> {
                routed.add(set(name, "office", new RoutingPolicy.IpBased("c", "office"), "192.0.2.1"));
                routed.add(set(name, "lab", new RoutingPolicy.IpBased("c", "lab"), "192.0.2.2"));
                routed.add(set(name, "rest", new RoutingPolicy.IpBased("c", "*"), "192.0.2.3"));
            }
            default -> {
            }
        }
        ZoneIndex index = new ZoneIndex(List.of(ZoneCompiler.compile(new ZoneContent(plain.origin(), plain.records(), routed), routing)));
        stages = new QueryStages(() -> index, 1232);
        Message q = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0")))),
                Section.ADDITIONAL);
        byte[] wire = q.toWire();
        slot = new QuerySlot(1232);
        System.arraycopy(wire, 0, slot.in, 0, wire.length);
        slot.inLength = wire.length;
        stages.process(slot, false);
        if (slot.outLength <= 0 || slot.answer.count(0) == 0) {
            throw new IllegalStateException(policy + ": the benchmark query got no answer");
        }
    }

    private static RecordSet set(Name name, String id, RoutingPolicy p, String address) throws Exception {
        return new RecordSet(name, Type.A, id, 60, List.of(new ARecord(name, DClass.IN, 60, InetAddress.getByName(address))), p,
                null, null);
    }

    @Benchmark
    public int evaluate() {
        stages.evaluate(slot, false);
        return slot.answer.count(0);
    }

    @Benchmark
    public int wholePath() {
        stages.process(slot, false);
        return slot.outLength;
    }
}
