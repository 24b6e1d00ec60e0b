package io.meridian.resolver.zone;

/**
 * Outcome of finding a name in one zone (RFC 1034 §4.3.2 step 3), reused across queries.
 * {@link #node} is the matched node, the wildcard that synthesizes the answer, the delegation
 * point, or the closest encloser, depending on {@link #kind}.
 */
final class Lookup {
    enum Kind { HIT, WILDCARD, DELEGATION, NXDOMAIN }

    Kind kind;
    Node node;

    Lookup set(Kind kind, Node node) {
        this.kind = kind;
        this.node = node;
        return this;
    }
}
