package io.meridian.dashboard.api.route53;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A request body read with the JDK's StAX reader into element paths and their text, e.g.
 * {@code HostedZoneConfig/Comment}, after checking the root element and Route 53's namespace.
 * DTDs and external entities are refused.
 */
final class RequestXml {
    private final Map<String, String> values;

    private RequestXml(Map<String, String> values) {
        this.values = values;
    }

    static RequestXml parse(byte[] body, String root) throws ApiException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, String> values = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (path.isEmpty() && (!root.equals(r.getLocalName()) || !Route53Xml.NAMESPACE.equals(r.getNamespaceURI()))) {
                        throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "The request body must be a " + root
                                + " element in the namespace " + Route53Xml.NAMESPACE));
                    }
                    path.addLast(r.getLocalName());
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String key = String.join("/", path).substring(root.length()).replaceFirst("^/", "");
                    values.putIfAbsent(key, text.toString().trim());
                    path.removeLast();
                    text.setLength(0);
                }
            }
        } catch (XMLStreamException e) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "The request body is not well-formed XML: "
                    + e.getMessage().replace('\n', ' ')));
        }
        return new RequestXml(values);
    }

    /** The text of the element at {@code path} below the root, or null when absent. */
    String get(String path) {
        return values.get(path);
    }

    boolean has(String path) {
        return values.containsKey(path);
    }
}
