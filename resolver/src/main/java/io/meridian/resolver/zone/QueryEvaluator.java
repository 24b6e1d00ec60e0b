package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.ExtendedError;
import io.meridian.resolver.wire.Name;
import io.meridian.resolver.wire.Query;
import io.meridian.resolver.wire.Rcode;
import io.meridian.resolver.wire.ResponseWriter;
import io.meridian.resolver.wire.Types;

/**
 * The authoritative answer algorithm of RFC 1034 §4.3.2 over a {@link ZoneIndex}: exact match,
 * CNAME chains inside the zone, wildcard synthesis (RFC 4592), referrals at zone cuts, and
 * negative answers with the SOA (RFC 2308). One instance per pipeline thread; allocates nothing.
 */
public final class QueryEvaluator {
    /** CNAME links followed inside the zone before giving up; loops stop earlier, on a repeat. */
    static final int MAX_CHAIN = 40;

    private final Lookup lookup = new Lookup();
    private ServingZone zone;
    private int qtype;
    private int additionalGroups;
    /** Wildcard nodes whose CNAME was followed in this answer: a second visit is a loop. */
    private final Node[] visitedWildcards = new Node[MAX_CHAIN + 1];
    private int visitedCount;

    public void evaluate(ZoneIndex index, Query query, boolean tcp, Answer answer) {
        answer.reset();
        additionalGroups = 0;
        visitedCount = 0;
        int qtype = query.qtype();
        int qclass = query.qclass();
        // Class ANY is answered as IN (RFC 1035 §3.2.5), as Knot does; other classes are not ours.
        if (qclass != Types.CLASS_IN && qclass != Types.ANY) {
            answer.rcode = Rcode.REFUSED;
            return;
        }
        ServingZone z = index.find(query.qname, qtype);
        if (z == null) {
            answer.rcode = Rcode.REFUSED;
            answer.extendedError = ExtendedError.NOT_AUTHORITATIVE;
            return;
        }
        int refused = refusedType(qtype, tcp);
        if (refused != Rcode.NOERROR) {
            answer.rcode = refused;
            return;
        }
        this.zone = z;
        this.qtype = qtype;
        answer.authoritative = true;
        resolve(query.qname, null, 0, answer);
    }

    /** False when {@code node} is a wildcard whose CNAME this answer already followed. */
    private boolean firstVisit(Node node) {
        if (node.lowerName[0] != 1 || node.lowerName[1] != '*') {
            return true;
        }
        for (int i = 0; i < visitedCount; i++) {
            if (visitedWildcards[i] == node) {
                return false;
            }
        }
        visitedWildcards[visitedCount++] = node;
        return true;
    }

    /**
     * Types we do not answer from the tree: zone transfers are not offered (NOTAUTH, or NOTIMP for
     * AXFR over UDP, which RFC 5936 §4.2 rules out), and type 0 is reserved (RFC 6895 §3.1).
     */
    private static int refusedType(int qtype, boolean tcp) {
        return switch (qtype) {
            case Types.AXFR -> tcp ? Rcode.NOTAUTH : Rcode.NOTIMP;
            case Types.IXFR -> Rcode.NOTAUTH;
            case 0 -> Rcode.NOTIMP;
            default -> Rcode.NOERROR;
        };
    }

    private void resolve(Name name, byte[] owner, int depth, Answer answer) {
        Lookup found = zone.find(name, qtype, lookup);
        Node node = found.node;
        switch (found.kind) {
            case HIT -> answerFrom(node, owner, false, depth, answer);
            case WILDCARD -> answerFrom(node, owner, true, depth, answer);
            case DELEGATION -> {
                if (depth == 0) {
                    answer.authoritative = false;
                }
                int ns = node.indexOf(Types.NS);
                answer.add(ResponseWriter.AUTHORITY, node.rrsets[ns], node.ownerWire, false);
                addAdditional(node, ns, answer);
            }
            case NXDOMAIN -> {
                answer.rcode = Rcode.NXDOMAIN;
                answer.add(ResponseWriter.AUTHORITY, zone.negativeSoa, zone.apex.ownerWire, false);
            }
        }
    }

    private void answerFrom(Node node, byte[] owner, boolean synthesized, int depth, Answer answer) {
        if (qtype == Types.ANY && !node.isEmpty()) {
            // RFC 8482 §4.2: answer ANY with one RRset of the node.
            answer.add(ResponseWriter.ANSWER, node.rrsets[0], owner, synthesized);
            addAdditional(node, 0, answer);
            return;
        }
        int cname = node.indexOf(Types.CNAME);
        if (cname >= 0 && qtype != Types.CNAME) {
            if (!answer.add(ResponseWriter.ANSWER, node.rrsets[cname], owner, synthesized) || !firstVisit(node)) {
                return;
            }
            CnameTarget target = node.cnameTargets[cname];
            if (target.ownerWire != null && depth < MAX_CHAIN) {
                resolve(target.name, target.ownerWire, depth + 1, answer);
            }
            return;
        }
        int i = node.indexOf(qtype);
        if (i >= 0) {
            answer.add(ResponseWriter.ANSWER, node.rrsets[i], owner, synthesized);
            addAdditional(node, i, answer);
        } else {
            answer.add(ResponseWriter.AUTHORITY, zone.negativeSoa, zone.apex.ownerWire, false);
        }
    }

    /**
     * A and AAAA of in-zone targets of NS, MX and SRV (RFC 1035 §3.3.9, RFC 2782), found as a
     * query would find them, wildcards included, as Knot DNS does.
     */
    private void addAdditional(Node node, int rrset, Answer answer) {
        AdditionalTarget[] targets = node.additional[rrset];
        if (targets == null) {
            return;
        }
        int group = additionalGroups++;
        for (int i = 0; i < targets.length; i++) {
            AdditionalTarget t = targets[i];
            EncodedRRset a = t.node().get(Types.A);
            if (a != null) {
                answer.addAdditional(a, t.ownerWire(), group, i, t.inDomainGlue());
            }
            EncodedRRset aaaa = t.node().get(Types.AAAA);
            if (aaaa != null) {
                answer.addAdditional(aaaa, t.ownerWire(), group, i, t.inDomainGlue());
            }
        }
    }
}
