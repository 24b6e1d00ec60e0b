package io.meridian.dashboard.api.route53;

import io.meridian.resolver.control.RecordSetView;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The ResourceRecordSet element of a simple record set (ROUTE53.md §1.2). */
final class RecordSetXml {
    private RecordSetXml() {
    }

    static void recordSet(XMLStreamWriter w, RecordSetView r) throws XMLStreamException {
        w.writeStartElement("ResourceRecordSet");
        Route53Xml.element(w, "Name", r.name());
        Route53Xml.element(w, "Type", r.type());
        Route53Xml.element(w, "TTL", Long.toString(r.ttl()));
        w.writeStartElement("ResourceRecords");
        for (String value : r.values()) {
            w.writeStartElement("ResourceRecord");
            Route53Xml.element(w, "Value", value);
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    }
}
