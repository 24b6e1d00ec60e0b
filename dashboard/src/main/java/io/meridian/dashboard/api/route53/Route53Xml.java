package io.meridian.dashboard.api.route53;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/**
 * Route 53's XML bodies, written with the JDK's StAX writer (escaping is the library's job):
 * every response root in the 2013-04-01 namespace (ROUTE53.md §1.1).
 */
final class Route53Xml {
    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private Route53Xml() {
    }

    /** Writes one document: the root element in the namespace, its content from {@code body}. */
    static String document(String root, Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            w.writeDefaultNamespace(NAMESPACE);
            body.write(w);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write " + root, e);
        }
        return out.toString();
    }

    static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /**
     * The generic ErrorResponse. InvalidChangeBatch comes this way too, its reasons listed in
     * Messages inside Error: the AWS SDK for Java v2 maps that to InvalidChangeBatchException, which
     * it does not do for a body whose root is {@code <InvalidChangeBatch>} (checked with SDK 2.54).
     */
    static String error(ApiError e, String requestId) {
        return document("ErrorResponse", w -> {
            w.writeStartElement("Error");
            element(w, "Type", e.type());
            element(w, "Code", e.code());
            element(w, "Message", e.message());
            if (!e.messages().isEmpty()) {
                w.writeStartElement("Messages");
                for (String m : e.messages()) {
                    element(w, "Message", m);
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            element(w, "RequestId", requestId);
        });
    }

    /** Content of a document. */
    interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }
}
