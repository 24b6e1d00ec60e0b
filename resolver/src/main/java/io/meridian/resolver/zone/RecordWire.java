package io.meridian.resolver.zone;

import io.meridian.resolver.wire.Header;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.util.Arrays;

/**
 * dnsjava names and records in wire form, uncompressed and in the zone's own case: the one way
 * compiling and storing a zone turn them into bytes. dnsjava's own {@code toWire} makes a Name
 * object for every suffix of every name it writes (to look each up in a compression table, even
 * when there is none): a third of compiling a million-name zone went there.
 */
public final class RecordWire {
    private RecordWire() {
    }

    /** {@code name} as {@link Name#toWire()} writes it. */
    public static byte[] name(Name name) {
        // canonicalize() hands back the name itself when it holds no upper-case letter: its
        // lower-case form is then its own (most zones), made with one array and nothing else.
        return name.canonicalize() == name ? name.toWireCanonical() : name.toWire();
    }

    /** The RDATA as the zone gave it (case kept, no compression). */
    public static byte[] rdata(Record r) {
        if (holdsNoNames(r.getType())) {
            return r.rdataToWireCanonical(); // the canonical form changes only names' case
        }
        byte[] full = r.toWire(Section.ANSWER);
        return Arrays.copyOfRange(full, r.getName().length() + 10, full.length);
    }

    /** The record as {@code r.toWire(Section.ANSWER)} writes it: owner, type, class, TTL, RDATA length and RDATA. */
    public static byte[] record(Record r) {
        if (!holdsNoNames(r.getType())) {
            return r.toWire(Section.ANSWER);
        }
        byte[] owner = name(r.getName());
        byte[] rdata = r.rdataToWireCanonical();
        byte[] out = new byte[owner.length + 10 + rdata.length];
        System.arraycopy(owner, 0, out, 0, owner.length);
        int p = owner.length;
        Header.putU16(out, p, r.getType());
        Header.putU16(out, p + 2, r.getDClass());
        Header.putU32(out, p + 4, r.getTTL());
        Header.putU16(out, p + 8, rdata.length);
        System.arraycopy(rdata, 0, out, p + 10, rdata.length);
        return out;
    }

    /** Types whose RDATA holds no domain name: their canonical RDATA is the RDATA as given. */
    static boolean holdsNoNames(int type) {
        return switch (type) {
            case Type.A, Type.AAAA, Type.TXT, Type.SPF, Type.CAA, Type.SSHFP, Type.TLSA, Type.DS -> true;
            default -> false;
        };
    }
}
