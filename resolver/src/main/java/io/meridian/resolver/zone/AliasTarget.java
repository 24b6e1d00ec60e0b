package io.meridian.resolver.zone;

import org.xbill.DNS.Name;

/** Where an alias record set points: a record set of the same type in a hosted zone on this appliance. */
public record AliasTarget(String hostedZoneId, Name dnsName, boolean evaluateTargetHealth) {
}
