package io.meridian.dashboard.api.route53;

import io.meridian.resolver.control.ZoneService;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The HostedZone and DelegationSet elements (ROUTE53.md §1.8), shared by several responses. */
final class HostedZoneXml {
    private HostedZoneXml() {
    }

    static void hostedZone(XMLStreamWriter w, ZoneService.ZoneSummary z) throws XMLStreamException {
        w.writeStartElement("HostedZone");
        Route53Xml.element(w, "Id", "/hostedzone/" + z.id());
        Route53Xml.element(w, "Name", z.origin());
        Route53Xml.element(w, "CallerReference", z.callerReference());
        w.writeStartElement("Config");
        if (!z.comment().isEmpty()) {
            Route53Xml.element(w, "Comment", z.comment());
        }
        Route53Xml.element(w, "PrivateZone", "false");
        w.writeEndElement();
        Route53Xml.element(w, "ResourceRecordSetCount", Integer.toString(z.rrsets()));
        w.writeEndElement();
    }

    /**
     * ChangeInfo for a change already served: the control plane publishes the new serving view
     * before the API answers, so the status is INSYNC at once.
     */
    static void changeInfo(XMLStreamWriter w, ZoneService.ChangeInfo change) throws XMLStreamException {
        w.writeStartElement("ChangeInfo");
        Route53Xml.element(w, "Id", "/change/" + change.id());
        Route53Xml.element(w, "Status", "INSYNC");
        Route53Xml.element(w, "SubmittedAt", DateTimeFormatter.ISO_INSTANT.format(change.submittedAt().truncatedTo(ChronoUnit.MILLIS)));
        w.writeEndElement();
    }

    static void tagSet(XMLStreamWriter w, String type, String id, java.util.Map<String, String> tags) throws XMLStreamException {
        w.writeStartElement("ResourceTagSet");
        Route53Xml.element(w, "ResourceType", type);
        Route53Xml.element(w, "ResourceId", id);
        w.writeStartElement("Tags");
        for (java.util.Map.Entry<String, String> t : tags.entrySet()) {
            w.writeStartElement("Tag");
            Route53Xml.element(w, "Key", t.getKey());
            Route53Xml.element(w, "Value", t.getValue());
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    static void delegationSet(XMLStreamWriter w, List<String> nameServers) throws XMLStreamException {
        w.writeStartElement("DelegationSet");
        w.writeStartElement("NameServers");
        for (String ns : nameServers) {
            Route53Xml.element(w, "NameServer", ns);
        }
        w.writeEndElement();
        w.writeEndElement();
    }
}
