package io.meridian.dashboard.api.route53;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A request body read with the JDK's StAX reader into a small element tree, after checking the
 * root element and Route 53's namespace. DTDs and external entities are refused.
 */
final class RequestXml {
    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<RequestXml> children = new ArrayList<>();

    private RequestXml(String name) {
        this.name = name;
    }

    static RequestXml parse(byte[] body, String root) throws ApiException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Deque<RequestXml> open = new ArrayDeque<>();
        RequestXml top = null;
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (open.isEmpty() && (!root.equals(r.getLocalName()) || !Route53Xml.NAMESPACE.equals(r.getNamespaceURI()))) {
                        throw invalid("The request body must be a " + root + " element in the namespace " + Route53Xml.NAMESPACE);
                    }
                    RequestXml node = new RequestXml(r.getLocalName());
                    if (open.isEmpty()) {
                        top = node;
                    } else {
                        open.peekLast().children.add(node);
                    }
                    open.addLast(node);
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && !open.isEmpty()) {
                    open.peekLast().text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    open.removeLast();
                }
            }
        } catch (XMLStreamException e) {
            throw invalid("The request body is not well-formed XML: " + e.getMessage().replace('\n', ' '));
        }
        if (top == null) {
            throw invalid("The request body is empty; expected a " + root + " element");
        }
        return top;
    }

    private static ApiException invalid(String message) {
        return new ApiException(new ApiError(400, "Sender", "InvalidInput", message));
    }

    /** The first element at {@code path} ("A/B") below this one, or null. */
    RequestXml child(String path) {
        RequestXml node = this;
        for (String step : path.split("/")) {
            RequestXml next = null;
            for (RequestXml c : node.children) {
                if (c.name.equals(step)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return node;
    }

    /** Every direct child named {@code name}. */
    List<RequestXml> children(String name) {
        return children.stream().filter(c -> c.name.equals(name)).toList();
    }

    /** The trimmed text of the element at {@code path} ("" for this element), or null when absent. */
    String get(String path) {
        RequestXml n = path.isEmpty() ? this : child(path);
        return n == null ? null : n.text.toString().trim();
    }

    boolean has(String path) {
        return child(path) != null;
    }

    /** Names of the direct children, for refusing fields this appliance does not take yet. */
    List<String> childNames() {
        return children.stream().map(c -> c.name).toList();
    }
}
