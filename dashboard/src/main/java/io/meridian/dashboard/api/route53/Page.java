package io.meridian.dashboard.api.route53;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list operation: up to {@code maxItems} of the items from the requested start on,
 * and the item the next page starts with (null on the last page).
 */
record Page<T>(List<T> items, T next, int maxItems) {

    /** The first page of {@code rest}, the items from the requested start position on, in order. */
    static <T> Page<T> of(List<T> rest, int maxItems) {
        List<T> items = rest.subList(0, Math.min(maxItems, rest.size()));
        return new Page<>(items, rest.size() > items.size() ? rest.get(items.size()) : null, maxItems);
    }

    boolean truncated() {
        return next != null;
    }

    /** Marker, IsTruncated, NextMarker and MaxItems, as ListHostedZones and ListHealthChecks end. */
    void writeMarkerTail(XMLStreamWriter w, String marker, Function<T, String> id) throws XMLStreamException {
        Route53Xml.element(w, "Marker", marker == null ? "" : marker);
        Route53Xml.element(w, "IsTruncated", Boolean.toString(truncated()));
        if (truncated()) {
            Route53Xml.element(w, "NextMarker", id.apply(next));
        }
        Route53Xml.element(w, "MaxItems", Integer.toString(maxItems));
    }
}
