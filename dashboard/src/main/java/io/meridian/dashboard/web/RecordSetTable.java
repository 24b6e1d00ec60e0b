package io.meridian.dashboard.web;

import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.zone.RoutingPolicy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A zone's record sets as a table, in Route 53's order (the order the control services list them
 * in), narrowed by a name fragment and a type, {@value #PAGE} rows a page. The table is one
 * element (#rrsets) that htmx swaps whole as the operator types in the filter or turns a page.
 */
final class RecordSetTable {
    static final int PAGE = 50;

    private final String zoneId;
    private final String origin;
    private final String name;
    private final String type;

    /**
     * @param name a fragment of the name to look for, any case ("" for all)
     * @param type the type to keep ("" for all)
     */
    RecordSetTable(String zoneId, String origin, String name, String type) {
        this.zoneId = zoneId;
        this.origin = origin;
        this.name = name.trim().toLowerCase(Locale.ROOT);
        this.type = type;
    }

    /** Page {@code page} (from 1; past the end is the last) of the sets that match. */
    String html(List<ResourceRecordSet> all, int page) {
        List<ResourceRecordSet> matching = all.stream()
                .filter(s -> RecordSetForm.shown(s.name()).toLowerCase(Locale.ROOT).contains(name) && (type.isEmpty() || s.type().equals(type)))
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE - 1) / PAGE);
        int current = Math.min(Math.max(page, 1), pages);
        List<ResourceRecordSet> rows = matching.subList((current - 1) * PAGE, Math.min(current * PAGE, matching.size()));
        StringBuilder b = new StringBuilder("<div id=rrsets><table class=rrsets><thead><tr><th>Name</th><th>Type</th>"
                + "<th>Routing</th><th class=num>TTL</th><th>Answer</th><th>Health check</th><th></th></tr></thead><tbody>");
        rows.forEach(s -> row(b, s, true));
        if (rows.isEmpty()) {
            b.append("<tr><td colspan=7 class=muted>").append(all.isEmpty() ? "This zone has no record sets."
                    : "No record set matches.").append("</td></tr>");
        }
        b.append("</tbody></table><div class=pager><span class=muted>");
        b.append(matching.isEmpty() ? "0" : ((current - 1) * PAGE + 1) + "–" + ((current - 1) * PAGE + rows.size()))
                .append(" of ").append(matching.size()).append(matching.size() == all.size() ? "" : " matching (" + all.size() + " in all)")
                .append("</span>");
        if (current > 1) {
            b.append(pageLink(current - 1, "‹ Previous"));
        }
        if (current < pages) {
            b.append(pageLink(current + 1, "Next ›"));
        }
        return b.append("</div></div>").toString();
    }

    /** One set alone, as the table shows it (the delete confirmation). */
    String single(ResourceRecordSet s) {
        StringBuilder b = new StringBuilder("<table class=rrsets><tbody>");
        row(b, s, false);
        return b.append("</tbody></table>").toString();
    }

    private void row(StringBuilder b, ResourceRecordSet s, boolean actions) {
        String key = key(s);
        b.append("<tr><td class=name>").append(nameCell(s.name())).append("</td><td>").append(Html.escape(s.type()))
                .append("</td><td>").append(routing(s)).append("</td><td class=num>").append(s.ttl() == null ? "" : s.ttl())
                .append("</td><td class=answer>").append(answer(s)).append("</td><td class=muted>")
                .append(Html.escape(s.healthCheckId() == null ? "" : s.healthCheckId())).append("</td>");
        if (actions) {
            b.append("<td class=actions><a href=\"/ui/zones/").append(Html.escape(zoneId)).append("/rrset?").append(key)
                    .append("\">Edit</a><a class=danger href=\"/ui/zones/").append(Html.escape(zoneId)).append("/rrset/delete?")
                    .append(key).append("\">Delete</a></td>");
        }
        b.append("</tr>");
    }

    /** The name with the zone's own suffix dimmed, so the part that differs stands out. */
    private String nameCell(String route53Name) {
        String shown = RecordSetForm.shown(route53Name);
        String relative = RecordSetForm.relative(route53Name, origin);
        if (relative.isEmpty() || relative.endsWith(".")) {
            return Html.escape(shown);
        }
        return Html.escape(relative) + "<span class=muted>." + Html.escape(origin) + "</span>";
    }

    private static String routing(ResourceRecordSet s) {
        RoutingPolicy r = s.routing();
        if (r == null) {
            return "<span class=muted>Simple</span>";
        }
        String what;
        if (r instanceof RoutingPolicy.Weighted w) {
            what = "Weighted " + w.weight();
        } else if (r instanceof RoutingPolicy.Latency l) {
            what = "Latency " + l.region();
        } else if (r instanceof RoutingPolicy.Failover f) {
            what = "Failover " + f.role().toLowerCase(Locale.ROOT);
        } else if (r instanceof RoutingPolicy.Geolocation g) {
            what = "Geolocation " + g.location();
        } else if (r instanceof RoutingPolicy.Geoproximity g) {
            what = "Geoproximity " + (g.awsRegion() != null ? g.awsRegion() : g.localZoneGroup() != null ? g.localZoneGroup()
                    : g.latitude() + ", " + g.longitude()) + (g.bias() == null ? "" : " bias " + g.bias());
        } else if (r instanceof RoutingPolicy.IpBased c) {
            what = "IP-based " + c.locationName();
        } else {
            what = "Multivalue answer";
        }
        return Html.escape(what) + " <span class=tag>" + Html.escape(s.setIdentifier()) + "</span>";
    }

    private static String answer(ResourceRecordSet s) {
        if (s.alias() != null) {
            return "alias → " + Html.escape(s.alias().dnsName()) + " <span class=muted>" + Html.escape(s.alias().hostedZoneId())
                    + (s.alias().evaluateTargetHealth() ? ", evaluates target health" : "") + "</span>";
        }
        StringBuilder b = new StringBuilder();
        s.values().forEach(v -> b.append("<div>").append(Html.escape(v)).append("</div>"));
        return b.toString();
    }

    private String pageLink(int page, String label) {
        String url = "/ui/zones/" + Html.escape(zoneId) + "?name=" + encode(name) + "&amp;type=" + encode(type) + "&amp;page=" + page;
        return "<a href=\"" + url + "\" hx-get=\"" + url + "\" hx-target=\"#rrsets\" hx-swap=outerHTML hx-push-url=true>" + label + "</a>";
    }

    /** The query string that names one record set: name, type and SetIdentifier. */
    static String key(ResourceRecordSet s) {
        return "name=" + encode(s.name()) + "&amp;type=" + encode(s.type())
                + (s.setIdentifier() == null ? "" : "&amp;set=" + encode(s.setIdentifier()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
