package io.meridian.resolver.control;

import org.xbill.DNS.Name;

import java.util.Set;

/** What a change batch is checked against beyond its own zone: health checks, CIDR collections and other zones. */
interface BatchContext {
    boolean healthCheckExists(String id);

    /** The location names of a CIDR collection, or null when there is no such collection. */
    Set<String> cidrLocations(String collectionId);

    /** The origin of the hosted zone with this Id (with or without "/hostedzone/"), or null. */
    Name zoneOrigin(String hostedZoneId);

    /** Whether a zone other than the one being changed holds a record set of this name and type. */
    boolean recordSetExists(Name origin, Name name, int type);
}
