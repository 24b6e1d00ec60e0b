package io.meridian.dashboard.api.route53;

import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.zone.RoutingPolicy;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The ResourceRecordSet element, members in the API model's order (ROUTE53.md §1.2); absent members are left out. */
final class RecordSetXml {
    private RecordSetXml() {
    }

    static void recordSet(XMLStreamWriter w, ResourceRecordSet r) throws XMLStreamException {
        w.writeStartElement("ResourceRecordSet");
        Route53Xml.element(w, "Name", r.name());
        Route53Xml.element(w, "Type", r.type());
        optional(w, "SetIdentifier", r.setIdentifier());
        RoutingPolicy p = r.routing();
        if (p instanceof RoutingPolicy.Weighted wt) {
            Route53Xml.element(w, "Weight", Long.toString(wt.weight()));
        } else if (p instanceof RoutingPolicy.Latency l) {
            Route53Xml.element(w, "Region", l.region());
        } else if (p instanceof RoutingPolicy.Geolocation g) {
            w.writeStartElement("GeoLocation");
            optional(w, "ContinentCode", g.continentCode());
            optional(w, "CountryCode", g.countryCode());
            optional(w, "SubdivisionCode", g.subdivisionCode());
            w.writeEndElement();
        } else if (p instanceof RoutingPolicy.Failover f) {
            Route53Xml.element(w, "Failover", f.role());
        } else if (p instanceof RoutingPolicy.MultiValue) {
            Route53Xml.element(w, "MultiValueAnswer", "true");
        }
        if (r.ttl() != null) {
            Route53Xml.element(w, "TTL", Long.toString(r.ttl()));
        }
        if (!r.values().isEmpty()) {
            w.writeStartElement("ResourceRecords");
            for (String value : r.values()) {
                w.writeStartElement("ResourceRecord");
                Route53Xml.element(w, "Value", value);
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        if (r.alias() != null) {
            w.writeStartElement("AliasTarget");
            Route53Xml.element(w, "HostedZoneId", r.alias().hostedZoneId());
            Route53Xml.element(w, "DNSName", r.alias().dnsName());
            Route53Xml.element(w, "EvaluateTargetHealth", Boolean.toString(r.alias().evaluateTargetHealth()));
            w.writeEndElement();
        }
        optional(w, "HealthCheckId", r.healthCheckId());
        if (p instanceof RoutingPolicy.IpBased c) {
            w.writeStartElement("CidrRoutingConfig");
            Route53Xml.element(w, "CollectionId", c.collectionId());
            Route53Xml.element(w, "LocationName", c.locationName());
            w.writeEndElement();
        } else if (p instanceof RoutingPolicy.Geoproximity g) {
            w.writeStartElement("GeoProximityLocation");
            optional(w, "AWSRegion", g.awsRegion());
            optional(w, "LocalZoneGroup", g.localZoneGroup());
            if (g.latitude() != null) {
                w.writeStartElement("Coordinates");
                Route53Xml.element(w, "Latitude", g.latitude());
                Route53Xml.element(w, "Longitude", g.longitude());
                w.writeEndElement();
            }
            if (g.bias() != null) {
                Route53Xml.element(w, "Bias", Integer.toString(g.bias()));
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void optional(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null) {
            Route53Xml.element(w, name, value);
        }
    }
}
