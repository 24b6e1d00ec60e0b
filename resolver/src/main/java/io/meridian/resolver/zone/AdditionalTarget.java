package io.meridian.resolver.zone;

/**
 * A target of an NS, MX or SRV record found in the zone at compile time: the node whose A and
 * AAAA records are added (the target itself, or the wildcard that covers it), the owner name to
 * write them under, and whether they are glue a referral cannot go without (RFC 9471 §3.1).
 */
record AdditionalTarget(Node node, byte[] ownerWire, boolean inDomainGlue) {
}
