package io.meridian.resolver.zone;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Grouping a zone's records by owner: what compiling and storing both rely on. */
class RecordsByOwnerTest {
    private static Record rr(String text) throws Exception {
        String[] f = text.split(" ", 3);
        return Record.fromString(Name.fromString(f[0]), org.xbill.DNS.Type.value(f[1]), org.xbill.DNS.DClass.IN, 300, f[2],
                Name.fromString("example."));
    }

    @Test
    void anOwnersRecordsMeetWhereverTheyAreInTheFileAndWhateverTheCase() throws Exception {
        List<Record> records = List.of(rr("www.example. A 192.0.2.1"), rr("mail.example. MX 10 www"),
                rr("WWW.Example. AAAA 2001:db8::1"), rr("mail.example. A 192.0.2.2"), rr("www.example. A 192.0.2.3"));
        List<RecordsByOwner.Owner> owners = RecordsByOwner.of(records);
        assertEquals(2, owners.size());
        RecordsByOwner.Owner www = owners.get(0);
        assertArrayEquals(Name.fromString("www.example.").toWireCanonical(), www.lowerName());
        assertEquals("www.example.", www.name().toString(), "the name as its first record writes it");
        assertEquals(List.of(records.get(0), records.get(2), records.get(4)), www.records(), "in file order");
        assertEquals(List.of(records.get(1), records.get(3)), owners.get(1).records());
        assertEquals(4, RecordsByOwner.rrsetCount(owners), "www A, www AAAA, mail MX, mail A");
    }

    @Test
    void manyRecordsAtOneOwnerCountTheirTypesOnce() throws Exception {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(rr("pool.example. A 192.0.2." + i));
            records.add(rr("pool.example. TXT \"n" + i + "\""));
        }
        List<RecordsByOwner.Owner> owners = RecordsByOwner.of(records);
        assertEquals(1, owners.size());
        assertEquals(80, owners.get(0).records().size());
        assertEquals(2, RecordsByOwner.rrsetCount(owners));
        assertSame(records.get(0).getName(), owners.get(0).name());
    }
}
