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
public final class QueryEvaluator implements PolicySelector.AliasHealth {
    /** CNAME links followed inside the zone before giving up; loops stop earlier, on a repeat. */
    static final int MAX_CHAIN = 40;
    private final int ecsMaxV4;
    private final int ecsMaxV6;

    private final Lookup lookup = new Lookup();
    private final PolicySelector selector;
    private final int[] chosen = new int[PolicySelector.MAX_MULTIVALUE];
    /** The client as routing sees it: the ECS prefix when sent, else the source address. */
    private final byte[] client = new byte[16];
    private int clientLength;
    private int clientBits;
    private boolean clientFromEcs;
    private ZoneIndex index;
    private ServingZone zone;
    /** Set only to explain one answer; null on the query path. */
    private Explanation explanation;
    private int qtype;
    private int additionalGroups;
    /** Wildcard nodes whose CNAME was followed in this answer: a second visit is a loop. */
    private final Node[] visitedWildcards = new Node[MAX_CHAIN + 1];
    private int visitedCount;

    public QueryEvaluator() {
        this(System.nanoTime());
    }

    /** A fixed seed makes random choices (weights, multivalue order) repeatable, for tests. */
    public QueryEvaluator(long seed) {
        this(seed, 24, 56);
    }

    /** @param ecsMaxV4 most bits of an IPv4 client subnet used (RFC 7871 §11.1); ecsMaxV6 likewise for IPv6 */
    public QueryEvaluator(long seed, int ecsMaxV4, int ecsMaxV6) {
        selector = new PolicySelector(seed);
        this.ecsMaxV4 = ecsMaxV4;
        this.ecsMaxV6 = ecsMaxV6;
    }

    /** Evaluates like {@link #evaluate} and records why each routed choice was made (allocates; not for the query path). */
    public Explanation explain(ZoneIndex index, Query query, Answer answer) {
        explanation = new Explanation();
        try {
            evaluate(index, query, false, answer);
            return explanation;
        } finally {
            explanation = null;
        }
    }

    public void evaluate(ZoneIndex index, Query query, boolean tcp, Answer answer) {
        answer.reset();
        this.index = index;
        readClient(query);
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
        answer.zone = z.origin();
        answer.authoritative = true;
        resolve(query.qname, null, 0, answer);
    }

    /**
     * The address routing decides on: the ECS prefix cut to at most the configured /24 or /56 (RFC 7871 §11.1),
     * or the source address; none when ECS says /0 (the resolver asks for an untailored answer).
     */
    private void readClient(Query query) {
        java.util.Arrays.fill(client, (byte) 0);
        clientFromEcs = query.ecsFamily() != 0;
        if (clientFromEcs) {
            clientLength = query.ecsFamily() == 1 ? 4 : 16;
            clientBits = Math.min(query.ecsSourcePrefix(), clientLength == 4 ? ecsMaxV4 : ecsMaxV6);
            System.arraycopy(query.ecsAddress(), 0, client, 0, (clientBits + 7) / 8);
            if (clientBits % 8 != 0) {
                client[clientBits / 8] &= (byte) (0xFF << (8 - clientBits % 8));
            }
            if (clientBits == 0) {
                clientLength = 0;
            }
        } else {
            clientLength = query.sourceLength();
            clientBits = clientLength * 8;
            System.arraycopy(query.sourceAddress(), 0, client, 0, clientLength);
        }
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
                addAdditional(node.additional[ns], answer);
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
            if (node.rrsets.length > 0) {
                answer.add(ResponseWriter.ANSWER, node.rrsets[0], owner, synthesized);
                addAdditional(node.additional[0], answer);
            } else {
                answerPolicy(node.policies[0], owner, synthesized, depth, answer);
            }
            return;
        }
        PolicyGroup routedCname = qtype == Types.CNAME ? null : node.policy(Types.CNAME);
        if (routedCname != null) {
            answerPolicy(routedCname, owner, synthesized, depth, answer);
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
        PolicyGroup routed;
        if (i >= 0) {
            answer.add(ResponseWriter.ANSWER, node.rrsets[i], owner, synthesized);
            addAdditional(node.additional[i], answer);
        } else if ((routed = node.policy(qtype)) != null) {
            answerPolicy(routed, owner, synthesized, depth, answer);
        } else {
            answer.add(ResponseWriter.AUTHORITY, zone.negativeSoa, zone.apex.ownerWire, false);
        }
    }

    /** Answers from a routed group: the selector's choice, each chosen set as a plain RRset would be, aliases followed. */
    private void answerPolicy(PolicyGroup g, byte[] owner, boolean synthesized, int depth, Answer answer) {
        answer.routed = true;
        int n = selector.select(g, client, clientLength, clientBits, chosen, this, depth);
        if (clientFromEcs && g.kind >= PolicyGroup.IP_BASED) {
            answer.ecsScope = Math.max(answer.ecsScope, clientBits);
        }
        if (explanation != null) {
            explain(g, owner, n);
        }
        if (answer.policy < 0 && g.kind != PolicyGroup.SIMPLE) {
            answer.policy = g.kind;
            answer.setIdentifier = n == 0 ? null : g.candidates[chosen[0]].setIdentifier;
        }
        if (n == 0) {
            answer.add(ResponseWriter.AUTHORITY, zone.negativeSoa, zone.apex.ownerWire, false);
            return;
        }
        for (int k = 0; k < n; k++) {
            Candidate c = g.candidates[chosen[k]];
            if (c.aliasTarget != null) {
                answerAlias(c, g.type, owner, depth, answer);
            } else if (answer.add(ResponseWriter.ANSWER, c.rrset, owner, synthesized)) {
                if (c.cname != null && qtype != Types.CNAME) {
                    if (c.cname.ownerWire != null && depth < MAX_CHAIN) {
                        resolve(c.cname.name, c.cname.ownerWire, depth + 1, answer);
                    }
                    return;
                }
                addAdditional(c.additional, answer);
            }
        }
    }

    /** Policy names by the numbers {@link Answer#policy} holds (0: simple, an alias without a policy). */
    public static String policyName(int policy) {
        return POLICIES[policy];
    }

    private static final String[] POLICIES = {"simple", "weighted", "failover", "multivalue answer", "IP-based",
            "geolocation", "latency", "geoproximity"};

    /** How many policy numbers there are (0 .. POLICY_COUNT - 1). */
    public static final int POLICY_COUNT = POLICIES.length;

    private void explain(PolicyGroup g, byte[] owner, int chosenCount) {
        io.meridian.resolver.geo.Places places = io.meridian.resolver.geo.Places.get();
        io.meridian.resolver.geo.GeoDatabase db = g.geo.get();
        int place = clientLength == 0 ? -1 : db.locate(client, clientLength);
        int location = place < 0 ? -1 : db.country(place);
        String where = clientLength == 0 ? "client address unknown"
                : addressText() + "/" + clientBits + (clientFromEcs ? " (EDNS Client Subnet)" : " (source address)")
                  + (location < 0 ? ", location unknown" : ", in " + places.code(location) + " ("
                  + io.meridian.resolver.geo.Places.CONTINENTS.get(places.continent(location)) + ")"
                  + (db.subdivision(place) == null ? "" : ", subdivision " + db.subdivision(place)));
        java.util.List<Explanation.Candidate> list = new java.util.ArrayList<>();
        for (int i = 0; i < g.candidates.length; i++) {
            Candidate c = g.candidates[i];
            boolean picked = false;
            for (int k = 0; k < chosenCount; k++) {
                picked |= chosen[k] == i;
            }
            String facts = switch (g.kind) {
                case PolicyGroup.WEIGHTED -> "weight " + c.weight;
                case PolicyGroup.FAILOVER -> c.secondary ? "SECONDARY" : "PRIMARY";
                case PolicyGroup.IP_BASED -> i == g.defaultCandidate ? "default location *"
                        : (clientLength > 0 && g.cidr.match(client, clientLength, clientBits) == i ? "a block holds the client" : "no block holds the client");
                case PolicyGroup.GEOLOCATION -> i == g.defaultCandidate ? "default location *"
                        : location >= 0 && g.byCountry[location] == i ? "the client's country"
                        : location >= 0 && g.byContinent[places.continent(location)] == i ? "the client's continent" : "another location";
                case PolicyGroup.LATENCY, PolicyGroup.GEOPROXIMITY -> location < 0 || Double.isNaN(g.latitude[i]) ? "distance unknown"
                        : Math.round(io.meridian.resolver.geo.Places.distanceKm(places.latitude(location), places.longitude(location),
                          g.latitude[i], g.longitude[i])) + " km" + (g.bias[i] == 0 ? "" : ", bias " + g.bias[i]);
                default -> c.aliasTarget != null ? "alias" : "";
            };
            if (c.aliasTarget != null && g.kind != PolicyGroup.SIMPLE) {
                facts += ", alias" + (c.evaluateTargetHealth ? " evaluating target health" : "");
            }
            list.add(new Explanation.Candidate(c.setIdentifier, selector.healthy(g, i, this, 0), facts, picked));
        }
        String name;
        try {
            name = owner == null ? "(the query name)" : new org.xbill.DNS.Name(owner).toString();
        } catch (java.io.IOException e) {
            name = "?";
        }
        explanation.add(new Explanation.Decision(name, org.xbill.DNS.Type.string(g.type), POLICIES[g.kind], where, list));
    }

    private String addressText() {
        try {
            return java.net.InetAddress.getByAddress(java.util.Arrays.copyOf(client, clientLength)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "?";
        }
    }

    /**
     * An alias answers with its target's records under the name asked for, with the target's TTL,
     * from any zone on this appliance; a target that is itself routed is selected in turn.
     */
    private void answerAlias(Candidate alias, int type, byte[] owner, int depth, Answer answer) {
        Node target = aliasTarget(alias, type, depth);
        if (target == null) {
            answer.add(ResponseWriter.AUTHORITY, zone.negativeSoa, zone.apex.ownerWire, false);
            return;
        }
        ServingZone aliasZone = zone;
        zone = index.find(alias.aliasTarget, type);
        int i = target.indexOf(type);
        if (i >= 0) {
            if (answer.add(ResponseWriter.ANSWER, target.rrsets[i], owner, false)) {
                CnameTarget next = target.cnameTargets[i];
                if (next != null && qtype != Types.CNAME) {
                    if (next.ownerWire != null) {
                        resolve(next.name, next.ownerWire, depth + 1, answer);
                    }
                } else {
                    addAdditional(target.additional[i], answer);
                }
            }
        } else {
            PolicyGroup g = target.policy(type);
            if (g != null) {
                answerPolicy(g, owner, false, depth + 1, answer);
            } else {
                answer.add(ResponseWriter.AUTHORITY, zone.negativeSoa, zone.apex.ownerWire, false);
            }
        }
        zone = aliasZone;
    }

    /** The node an alias points at, if it exists on this appliance and the chain is not too long. */
    private Node aliasTarget(Candidate alias, int type, int depth) {
        if (depth >= MAX_CHAIN) {
            return null;
        }
        ServingZone z = index.find(alias.aliasTarget, type);
        if (z == null) {
            return null;
        }
        Lookup found = z.find(alias.aliasTarget, type, lookup);
        return found.kind == Lookup.Kind.HIT || found.kind == Lookup.Kind.WILDCARD ? found.node : null;
    }

    /** EvaluateTargetHealth: a target record set is healthy, a routed target when any of its sets is. */
    @Override
    public boolean healthy(Candidate alias, int type, int depth) {
        Node target = aliasTarget(alias, type, depth + 1);
        if (target == null) {
            return false;
        }
        if (target.indexOf(type) >= 0) {
            return true;
        }
        PolicyGroup g = target.policy(type);
        return g != null && selector.anyHealthy(g, this, depth + 1);
    }

    /**
     * A and AAAA of in-zone targets of NS, MX and SRV (RFC 1035 §3.3.9, RFC 2782), found as a
     * query would find them, wildcards included, as Knot DNS does.
     */
    private void addAdditional(AdditionalTarget[] targets, Answer answer) {
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
