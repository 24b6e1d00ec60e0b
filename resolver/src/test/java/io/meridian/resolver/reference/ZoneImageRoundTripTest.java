package io.meridian.resolver.reference;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.reference.KnotServer.ZoneFile;
import io.meridian.resolver.reference.QueryCorpus.CorpusQuery;
import io.meridian.resolver.zone.RoutingContext;
import io.meridian.resolver.zone.ServingZone;
import io.meridian.resolver.zone.ZoneCompiler;
import io.meridian.resolver.zone.ZoneFileParser;
import io.meridian.resolver.zone.ZoneImage;
import io.meridian.resolver.zone.ZoneIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A zone loaded from its serving image answers exactly as the zone compiled from its records: on
 * the random zones of {@link RandomZoneDifferentialTest} (delegations, glue, wildcards, CNAME chains,
 * empty non-terminals, mixed case) and every question {@link RandomZoneQueries} derives from them,
 * byte for byte.
 */
class ZoneImageRoundTripTest {
    private static final byte[] STAMP = {1, 2, 3};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 20_250_101L, 7_777_777L})
    void aZoneReadBackFromItsImageAnswersEveryQueryWithTheSameBytes(long seed) throws Exception {
        Path base = DifferentialRun.freshDirectory(Path.of("target", "zone-image", "seed-" + seed));
        List<ZoneFile> files = RandomZoneGenerator.generate(seed, base.resolve("zones"));
        List<ServingZone> compiled = new ArrayList<>();
        List<ServingZone> loaded = new ArrayList<>();
        for (ZoneFile f : files) {
            ServingZone zone = ZoneCompiler.compile(ZoneFileParser.parse(f.file(), Name.fromString(f.origin())));
            compiled.add(zone);
            ByteArrayOutputStream image = new ByteArrayOutputStream();
            ZoneImage.write(zone, STAMP, List.of(), image);
            ZoneImage.Loaded back = ZoneImage.read(ByteBuffer.wrap(image.toByteArray()), STAMP);
            assertTrue(back.routedOwners().isEmpty());
            loaded.add(ZoneImage.withRouted(back.zone(), List.of(), RoutingContext.NONE));
            assertEquals(zone.recordCount(), back.zone().recordCount());
            assertEquals(zone.serial(), back.zone().serial());
        }
        ZoneIndex fromRecords = new ZoneIndex(compiled);
        ZoneIndex fromImages = new ZoneIndex(loaded);
        List<CorpusQuery> corpus = RandomZoneQueries.generate(files, seed);
        int answered = 0;
        for (CorpusQuery q : corpus) {
            byte[] want = answer(fromRecords, q);
            byte[] got = answer(fromImages, q);
            assertEquals(want == null ? null : HexFormat.of().formatHex(want), got == null ? null : HexFormat.of().formatHex(got),
                    q.description());
            answered += want == null ? 0 : 1;
        }
        assertTrue(answered > 1000, "compared " + answered + " answers");
    }

    private static byte[] answer(ZoneIndex zones, CorpusQuery q) {
        QuerySlot slot = new QuerySlot(65535);
        System.arraycopy(q.wire(), 0, slot.in, 0, q.wire().length);
        slot.inLength = q.wire().length;
        new QueryStages(() -> zones, 1232).process(slot, q.tcp());
        return slot.outLength < 0 ? null : Arrays.copyOf(slot.out, slot.outLength);
    }
}
