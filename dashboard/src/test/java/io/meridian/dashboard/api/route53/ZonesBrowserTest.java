package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zones pages in headless Chromium (src/test/e2e/zones.mjs): an operator makes a zone, an A
 * record and a weighted pair by typing and clicking, and imports a pasted zone file; the appliance
 * answers them all over DNS.
 */
class ZonesBrowserTest {

    @Test
    void aRecordCreatedThroughTheFormIsAnsweredOverDns() throws Exception {
        BrowserScript.assumeAvailable();
        Path shots = BrowserScript.screenshots();
        try (ApiTestServer server = ApiTestServer.start()) {
            String out = BrowserScript.run("zones.mjs", "http://127.0.0.1:" + server.port(), "operator",
                    ApiTestServer.OPERATOR_PASSWORD, shots.toString());
            for (String step : List.of("the A record is listed after the form is sent", "choosing a policy keeps the values typed before",
                    "a refused weight is shown beside the weight field", "the refused form keeps what was typed",
                    "typing in the filter narrows the table to the weighted pair",
                    "deleting a zone that still holds records is refused, with Route 53's reason",
                    "a pasted zone file becomes a hosted zone")) {
                assertTrue(out.contains("ok: " + step), step + ": " + out);
            }
            for (String shot : List.of("zones.png", "zone.png", "record-form.png", "record-error.png", "zone-delete-refused.png",
                    "import.png")) {
                assertTrue(Files.size(shots.resolve(shot)) > 5_000, shot + " was not written");
            }

            Message www = server.ask("www.shop.example.", Type.A);
            assertEquals("192.0.2.44", www.getSection(Section.ANSWER).get(0).rdataToString(), www.toString());
            assertEquals(60, www.getSection(Section.ANSWER).get(0).getTTL());
            assertEquals("192.0.2.61", server.ask("www.pasted.example.", Type.A).getSection(Section.ANSWER).get(0).rdataToString());
            // Weights 3 and 1: over 200 answers both addresses come, blue about three times as often.
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                List<Record> answer = server.ask("api.shop.example.", Type.A).getSection(Section.ANSWER);
                assertEquals(1, answer.size(), answer.toString());
                seen.merge(answer.get(0).rdataToString(), 1, Integer::sum);
            }
            assertEquals(java.util.Set.of("192.0.2.51", "192.0.2.52"), seen.keySet(), seen.toString());
            assertTrue(seen.get("192.0.2.51") > seen.get("192.0.2.52"), seen.toString());
        }
    }
}
