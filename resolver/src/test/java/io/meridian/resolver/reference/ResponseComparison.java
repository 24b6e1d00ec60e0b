package io.meridian.resolver.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Compares two DNS responses for what a client can observe, and nothing a client cannot rely
 * on: RRset order, record order within an RRset, name compression and the case of names in
 * answer data may legitimately differ between correct servers, so they are normalised away.
 * The question section is the exception: its case must be echoed exactly (DNS 0x20 clients
 * check it), so it is compared byte for byte.
 */
public final class ResponseComparison {

    private static final int[] FLAGS = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};
    private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};
    private static final String[] SECTION_NAMES = {"QUESTION", "ANSWER", "AUTHORITY", "ADDITIONAL"};

    private ResponseComparison() {
    }

    /**
     * Lists the differences between response {@code a} and response {@code b}, each as one
     * readable line; empty when they are equivalent. An empty Optional means "no answer".
     */
    public static List<String> differences(Optional<byte[]> a, Optional<byte[]> b) {
        List<String> out = new ArrayList<>();
        if (a.isEmpty() || b.isEmpty()) {
            if (a.isPresent() != b.isPresent()) {
                out.add("only " + (a.isPresent() ? "A" : "B") + " answered");
            }
            return out;
        }
        Message ma = parse(a.get());
        Message mb = parse(b.get());
        if (ma == null || mb == null) {
            // An unparsable response is only equal to the very same bytes after the ID.
            String ha = hexAfterId(a.get());
            String hb = hexAfterId(b.get());
            if (!ha.equals(hb)) {
                out.add("unparsable response: A=" + ha + " B=" + hb);
            }
            return out;
        }
        compareHeader(ma, mb, out);
        compareQuestion(ma, mb, out);
        for (int section : SECTIONS) {
            compareSection(section, rrsets(ma, section), rrsets(mb, section), out);
        }
        compareOpt(ma.getOPT(), mb.getOPT(), out);
        return out;
    }

    /** How a response is shown next to its differences. */
    public static String describe(Optional<byte[]> response) {
        if (response.isEmpty()) {
            return "(no answer)";
        }
        Message message = parse(response.get());
        return message != null ? message.toString() : "(unparsable) " + HexFormat.of().formatHex(response.get());
    }

    private static void compareHeader(Message a, Message b, List<String> out) {
        for (int flag : FLAGS) {
            boolean fa = a.getHeader().getFlag(flag);
            boolean fb = b.getHeader().getFlag(flag);
            if (fa != fb) {
                out.add("flag " + Flags.string(flag).toUpperCase(Locale.ROOT) + ": A=" + fa + " B=" + fb);
            }
        }
        differ(out, "opcode", Opcode.string(a.getHeader().getOpcode()), Opcode.string(b.getHeader().getOpcode()));
        // Message.getRcode() already merges the OPT record's upper eight bits (e.g. BADVERS).
        differ(out, "rcode", Rcode.string(a.getRcode()), Rcode.string(b.getRcode()));
        for (int section = 0; section < SECTION_NAMES.length; section++) {
            differ(out, SECTION_NAMES[section] + " count", a.getHeader().getCount(section),
                    b.getHeader().getCount(section));
        }
    }

    private static void compareQuestion(Message a, Message b, List<String> out) {
        differ(out, "question", question(a), question(b));
    }

    private static String question(Message message) {
        return message.getSection(Section.QUESTION).stream()
                // Name.toString keeps the label bytes' case; Name.equals would ignore it.
                .map(q -> q.getName() + " " + DClass.string(q.getDClass()) + " " + Type.string(q.getType()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * A section as a multiset of RRsets: each key is one RRset rendered in a canonical form
     * (lower-case owner, class, type, then its records' TTL and canonical rdata, sorted), and the
     * value counts how often that exact RRset occurs. Sorting the keys makes the report stable.
     */
    private static Map<String, Integer> rrsets(Message message, int section) {
        Map<String, List<String>> byRRset = new TreeMap<>();
        for (Record r : message.getSection(section)) {
            if (r.getType() == Type.OPT) {
                continue; // compared field by field in compareOpt: its "TTL" and "class" are not what they say
            }
            String key = r.getName().toString().toLowerCase(Locale.ROOT) + " " + DClass.string(r.getDClass())
                    + " " + Type.string(r.getType())
                    + (r instanceof RRSIGRecord sig ? " covering " + Type.string(sig.getTypeCovered()) : "");
            byRRset.computeIfAbsent(key, k -> new ArrayList<>()).add(canonicalRdata(r));
        }
        Map<String, Integer> multiset = new TreeMap<>();
        byRRset.forEach((key, records) -> {
            records.sort(null);
            multiset.merge(key + " " + records, 1, Integer::sum);
        });
        return multiset;
    }

    /**
     * TTL and rdata with the names inside rdata lower-cased: the canonical wire form (RFC 4034
     * §6.2) lowers exactly those names and leaves e.g. TXT strings alone, and parsing it back
     * gives a form that is both case-insensitive where DNS is and readable in the report.
     */
    private static String canonicalRdata(Record r) {
        try {
            Record canonical = Record.fromWire(r.toWireCanonical(), Section.ANSWER);
            return canonical.getTTL() + " " + canonical.rdataToString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read " + r, e);
        }
    }

    private static void compareSection(int section, Map<String, Integer> a, Map<String, Integer> b,
            List<String> out) {
        String name = SECTION_NAMES[section];
        a.forEach((rrset, count) -> {
            int other = b.getOrDefault(rrset, 0);
            if (other < count) {
                out.add(name + " only in A: " + rrset + (count - other > 1 ? " x" + (count - other) : ""));
            }
        });
        b.forEach((rrset, count) -> {
            int other = a.getOrDefault(rrset, 0);
            if (other < count) {
                out.add(name + " only in B: " + rrset + (count - other > 1 ? " x" + (count - other) : ""));
            }
        });
    }

    private static void compareOpt(OPTRecord a, OPTRecord b, List<String> out) {
        if (a == null || b == null) {
            if ((a == null) != (b == null)) {
                out.add("OPT record: A " + (a == null ? "has none" : "has one") + ", B "
                        + (b == null ? "has none" : "has one"));
            }
            return;
        }
        differ(out, "EDNS version", a.getVersion(), b.getVersion());
        differ(out, "EDNS DO flag", (a.getFlags() & ExtendedFlags.DO) != 0, (b.getFlags() & ExtendedFlags.DO) != 0);
        differ(out, "EDNS UDP payload size", a.getPayloadSize(), b.getPayloadSize());
        differ(out, "EDNS extended rcode", a.getExtendedRcode(), b.getExtendedRcode());
        differ(out, "EDNS option codes", optionCodes(a), optionCodes(b));
    }

    private static List<Integer> optionCodes(OPTRecord opt) {
        return opt.getOptions().stream().map(EDNSOption::getCode).sorted().collect(Collectors.toList());
    }

    private static void differ(List<String> out, String what, Object a, Object b) {
        if (!a.equals(b)) {
            out.add(what + ": A=" + a + " B=" + b);
        }
    }

    private static Message parse(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String hexAfterId(byte[] wire) {
        return HexFormat.of().formatHex(wire, Math.min(2, wire.length), wire.length);
    }
}
