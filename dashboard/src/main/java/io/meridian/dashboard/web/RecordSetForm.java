package io.meridian.dashboard.web;

import io.javalin.http.Context;
import io.meridian.resolver.control.CidrCollectionService;
import io.meridian.resolver.control.HealthCheckService;
import io.meridian.resolver.control.RecordSetRules;
import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.zone.RoutingPolicy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The record-set form: what the operator typed (every field kept as text, so a refused form comes
 * back as typed), the ResourceRecordSet it asks for, and its HTML. Only the chosen routing policy's
 * fields appear, and either values with a TTL or an alias target; choosing another policy or target
 * re-renders the form through htmx with everything typed so far.
 */
final class RecordSetForm {
    /** The routing policies, as the form names them and as Route 53's console lists them. */
    static final Map<String, String> POLICIES = ordered("simple", "Simple", "weighted", "Weighted", "latency", "Latency",
            "failover", "Failover", "geolocation", "Geolocation", "geoproximity", "Geoproximity", "multivalue",
            "Multivalue answer", "ipbased", "IP-based (CIDR)");
    private static final List<String> FIELDS = List.of("name", "type", "policy", "setIdentifier", "weight", "region",
            "failover", "continent", "country", "subdivision", "awsRegion", "localZoneGroup", "latitude", "longitude", "bias",
            "collection", "location", "target", "ttl", "values", "aliasZone", "aliasName", "evaluateTargetHealth",
            "healthCheckId", "origName", "origType", "origSet");
    private static final Map<String, String> CONTINENTS = ordered("", "—", "AF", "Africa", "AN", "Antarctica", "AS", "Asia",
            "EU", "Europe", "NA", "North America", "OC", "Oceania", "SA", "South America");

    /** What the selects and suggestion lists offer: the appliance's zones, health checks and CIDR collections. */
    record Choices(List<ZoneService.ZoneSummary> zones, List<HealthCheckService.HealthCheck> healthChecks,
                   List<CidrCollectionService.CidrCollection> collections) {
    }

    private final Map<String, String> typed;
    /** The fields the form being rendered shows; the others travel as hidden inputs. */
    private final Set<String> shown = new HashSet<>();

    private RecordSetForm(Map<String, String> typed) {
        this.typed = typed;
    }

    /** A new record set: type A, simple routing, values with a TTL of 300 seconds. */
    static RecordSetForm blank(String zoneId) {
        return new RecordSetForm(new HashMap<>(Map.of("type", "A", "policy", "simple", "target", "values", "ttl", "300",
                "aliasZone", zoneId, "evaluateTargetHealth", "true")));
    }

    /** What the browser sent; an unticked checkbox is simply absent. */
    static RecordSetForm from(Context ctx) {
        Map<String, String> typed = new HashMap<>();
        for (String field : FIELDS) {
            String value = ctx.formParam(field);
            if (value != null) {
                typed.put(field, value);
            }
        }
        return new RecordSetForm(typed);
    }

    /** An existing record set, to edit; its key is kept to tell an UPSERT from a DELETE and a CREATE. */
    static RecordSetForm of(ResourceRecordSet s, String origin) {
        Map<String, String> t = new HashMap<>();
        t.put("name", relative(s.name(), origin));
        t.put("type", s.type());
        t.put("setIdentifier", s.setIdentifier() == null ? "" : s.setIdentifier());
        t.put("healthCheckId", s.healthCheckId() == null ? "" : s.healthCheckId());
        t.put("policy", policy(s.routing()));
        fillRouting(t, s.routing());
        if (s.alias() != null) {
            t.put("target", "alias");
            t.put("aliasZone", s.alias().hostedZoneId());
            t.put("aliasName", s.alias().dnsName());
            t.put("evaluateTargetHealth", s.alias().evaluateTargetHealth() ? "true" : "");
        } else {
            t.put("target", "values");
            t.put("ttl", String.valueOf(s.ttl()));
            t.put("values", String.join("\n", s.values()));
        }
        t.put("origName", s.name());
        t.put("origType", s.type());
        t.put("origSet", s.setIdentifier() == null ? "" : s.setIdentifier());
        return new RecordSetForm(t);
    }

    String get(String field) {
        return typed.getOrDefault(field, "");
    }

    /** Whether this form edits an existing record set (it carries that set's key). */
    boolean editing() {
        return !get("origName").isEmpty();
    }

    /**
     * The record set asked for, or null after adding to {@code errors} what the form itself cannot
     * read (a TTL that is not a number). Everything else is for the control services to judge.
     */
    ResourceRecordSet toRecordSet(String origin, FieldErrors errors) {
        if (!RecordSetRules.TYPES.contains(get("type"))) {
            errors.add("type", "Choose a type");
        }
        RoutingPolicy routing = routing(errors);
        boolean alias = "alias".equals(get("target"));
        Long ttl = alias ? null : number("ttl", "TTL must be a whole number of seconds", errors);
        List<String> values = alias ? List.of() : get("values").lines().map(String::trim).filter(v -> !v.isEmpty()).toList();
        ResourceRecordSet.Alias target = alias
                ? new ResourceRecordSet.Alias(blankToNull("aliasZone"), blankToNull("aliasName"), !get("evaluateTargetHealth").isEmpty())
                : null;
        if (!errors.isEmpty()) {
            return null;
        }
        return new ResourceRecordSet(absolute(get("name"), origin), get("type"), routing == null ? null : blankToNull("setIdentifier"),
                ttl, values, routing, target, blankToNull("healthCheckId"));
    }

    private RoutingPolicy routing(FieldErrors errors) {
        switch (get("policy")) {
            case "simple":
                return null;
            case "weighted": {
                Long weight = number("weight", "Weight must be a whole number", errors);
                return weight == null ? null : new RoutingPolicy.Weighted(weight);
            }
            case "latency":
                return new RoutingPolicy.Latency(required("region", "Choose the Region this record set serves from", errors));
            case "failover":
                return new RoutingPolicy.Failover(required("failover", "Choose PRIMARY or SECONDARY", errors));
            case "geolocation":
                return new RoutingPolicy.Geolocation(blankToNull("continent"), blankToNull("country"), blankToNull("subdivision"));
            case "geoproximity": {
                Long bias = get("bias").isBlank() ? null : number("bias", "Bias must be a whole number", errors);
                return new RoutingPolicy.Geoproximity(blankToNull("awsRegion"), blankToNull("localZoneGroup"),
                        blankToNull("latitude"), blankToNull("longitude"), bias == null ? null : bias.intValue());
            }
            case "multivalue":
                return new RoutingPolicy.MultiValue();
            case "ipbased":
                return new RoutingPolicy.IpBased(blankToNull("collection"), blankToNull("location"));
            default:
                errors.add("policy", "Choose a routing policy");
                return null;
        }
    }

    /**
     * The whole form, its fields filled with what was typed and each error beside its field. What
     * was typed in fields the chosen policy or answer does not show travels along hidden, so
     * choosing them again brings it back; only the chosen policy's fields are read on saving.
     */
    String html(String zoneId, String origin, Choices choices, FieldErrors errors, String csrf) {
        shown.clear();
        shown.addAll(List.of("name", "origName", "origType", "origSet"));
        String rerender = " hx-post=\"/ui/zones/" + Html.escape(zoneId) + "/rrset/form\" hx-target=\"#record-form\" hx-swap=outerHTML";
        StringBuilder f = new StringBuilder();
        f.append("<div class=row>")
                .append(errors.field("name", "Record name", "<span class=with-suffix><input name=name id=f-name value=\""
                        + Html.escape(get("name")) + "\" placeholder=\"www\" autocomplete=off><span class=suffix>."
                        + Html.escape(origin) + "</span></span><small class=muted>Blank for the zone apex; end with a dot for a full name."
                        + "</small>"))
                .append(errors.field("type", "Type", select("type", sortedOptions(RecordSetRules.TYPES, false), "")))
                .append(errors.field("policy", "Routing policy", select("policy", POLICIES, rerender)))
                .append("</div>");
        if (!"simple".equals(get("policy"))) {
            f.append("<div class=row>").append(errors.field("setIdentifier", "Record ID (SetIdentifier)",
                    text("setIdentifier", "size=16 placeholder=\"blue\""))).append(policyFields(errors, choices)).append("</div>");
        }
        f.append("<fieldset><legend>Answer with</legend><div class=choice>")
                .append(radio("target", "values", "Values", rerender)).append(radio("target", "alias", "Alias to a record set here", rerender))
                .append("</div><div class=row>").append(answerFields(origin, choices, errors)).append("</div></fieldset><div class=row>")
                .append(errors.field("healthCheckId", "Health check (optional)",
                        text("healthCheckId", "size=40 list=health-checks placeholder=\"a health check Id\"")))
                .append(healthCheckList(choices)).append("</div>");
        StringBuilder form = new StringBuilder("<form id=record-form class=record-form method=post action=\"/ui/zones/")
                .append(Html.escape(zoneId)).append("/rrset\">").append(hidden("csrf", csrf));
        if (editing()) {
            List.of("origName", "origType", "origSet").forEach(key -> form.append(hidden(key, get(key))));
        }
        FIELDS.stream().filter(field -> !shown.contains(field) && !get(field).isEmpty())
                .forEach(field -> form.append(hidden(field, get(field))));
        return form.append(errors.above()).append(f).append("<div class=buttons><button>")
                .append(editing() ? "Save record set" : "Create record set").append("</button><a href=\"/ui/zones/")
                .append(Html.escape(zoneId)).append("\">Cancel</a></div></form>").toString();
    }

    /** A TTL and values, or an alias target. */
    private String answerFields(String origin, Choices choices, FieldErrors errors) {
        if (!"alias".equals(get("target"))) {
            shown.add("values");
            return errors.field("ttl", "TTL (seconds)", text("ttl", "size=8 inputmode=numeric"))
                    + errors.field("values", "Values, one per line", "<textarea name=values id=f-values rows=4 cols=40"
                    + " placeholder=\"192.0.2.1\">" + Html.escape(get("values")) + "</textarea>");
        }
        shown.add("evaluateTargetHealth");
        Map<String, String> zones = new LinkedHashMap<>();
        choices.zones().forEach(z -> zones.put(z.id(), z.origin() + " (" + z.id() + ")"));
        return errors.field("aliasZone", "Target hosted zone", select("aliasZone", zones, ""))
                + errors.field("aliasName", "Target name", text("aliasName", "size=28 placeholder=\"www." + Html.escape(origin) + "\""))
                + "<label class=check><input type=checkbox name=evaluateTargetHealth value=true id=f-evaluateTargetHealth"
                + (get("evaluateTargetHealth").isEmpty() ? "" : " checked") + "> Evaluate target health"
                + errors.beside("evaluateTargetHealth") + "</label>";
    }

    /** The chosen policy's own members; simple and multivalue answer have none beyond the SetIdentifier. */
    private String policyFields(FieldErrors errors, Choices choices) {
        switch (get("policy")) {
            case "weighted":
                return errors.field("weight", "Weight (0–255)", text("weight", "size=5 inputmode=numeric"));
            case "latency":
                return errors.field("region", "Region", select("region", sortedOptions(RecordSetRules.REGIONS, true), ""));
            case "failover":
                return errors.field("failover", "Failover record type", select("failover", ordered("PRIMARY", "Primary", "SECONDARY",
                        "Secondary"), ""));
            case "geolocation":
                return errors.field("continent", "Continent", select("continent", CONTINENTS, ""))
                        + errors.field("country", "or country (ISO code, * for default)", text("country", "size=4 placeholder=\"FR\""))
                        + errors.field("subdivision", "Subdivision", text("subdivision", "size=4 placeholder=\"CA\""))
                        + group("geolocation", errors);
            case "geoproximity":
                return errors.field("awsRegion", "AWS Region", select("awsRegion", sortedOptions(RecordSetRules.REGIONS, true), ""))
                        + errors.field("localZoneGroup", "or Local Zone group", text("localZoneGroup", "size=14"))
                        + errors.field("latitude", "or latitude and longitude", "<span class=pair>" + text("latitude",
                                "size=7 placeholder=\"48.85\"") + text("longitude", "size=7 placeholder=\"2.35\"") + "</span>")
                        + errors.field("bias", "Bias (−99 to 99)", text("bias", "size=4 inputmode=numeric"))
                        + group("geoproximity", errors);
            case "ipbased":
                StringBuilder list = new StringBuilder("<datalist id=cidr-collections>");
                choices.collections().forEach(c -> list.append("<option value=\"").append(Html.escape(c.id())).append("\">")
                        .append(Html.escape(c.name())).append("</option>"));
                return errors.field("collection", "CIDR collection", text("collection", "size=38 list=cidr-collections"))
                        + list.append("</datalist>")
                        + errors.field("location", "Location (* for default)", text("location", "size=12"));
            default:
                return "";
        }
    }

    /** Errors about several fields at once (geolocation's continent or country) sit after the group. */
    private static String group(String key, FieldErrors errors) {
        String beside = errors.beside(key);
        return beside.isEmpty() ? "" : "<div class=group-error>" + beside + "</div>";
    }

    private String text(String field, String attributes) {
        shown.add(field);
        return "<input name=" + field + " id=f-" + field + " value=\"" + Html.escape(get(field)) + "\" " + attributes + ">";
    }

    private String select(String field, Map<String, String> options, String attributes) {
        shown.add(field);
        StringBuilder b = new StringBuilder("<select name=").append(field).append(" id=f-").append(field).append(attributes).append('>');
        options.forEach((value, label) -> b.append("<option value=\"").append(Html.escape(value)).append('"')
                .append(value.equals(get(field)) ? " selected" : "").append('>').append(Html.escape(label)).append("</option>"));
        return b.append("</select>").toString();
    }

    private String radio(String field, String value, String label, String attributes) {
        shown.add(field);
        return "<label class=check><input type=radio name=" + field + " id=f-" + field + "-" + value + " value=" + value
                + (value.equals(get(field)) ? " checked" : "") + attributes + "> " + label + "</label>";
    }

    static String hidden(String field, String value) {
        return "<input type=hidden name=" + field + " value=\"" + Html.escape(value) + "\">";
    }

    private static String healthCheckList(Choices choices) {
        StringBuilder b = new StringBuilder("<datalist id=health-checks>");
        for (HealthCheckService.HealthCheck h : choices.healthChecks()) {
            String target = h.config().ipAddress() != null ? h.config().ipAddress() : h.config().fullyQualifiedDomainName();
            b.append("<option value=\"").append(Html.escape(h.id())).append("\">").append(Html.escape(h.config().type()))
                    .append(target == null ? "" : " " + Html.escape(target)).append("</option>");
        }
        return b.append("</datalist>").toString();
    }

    private Long number(String field, String message, FieldErrors errors) {
        try {
            return Long.parseLong(get(field).trim());
        } catch (NumberFormatException e) {
            errors.add(field, message);
            return null;
        }
    }

    /** A member the control services need present to judge it at all. */
    private String required(String field, String message, FieldErrors errors) {
        if (get(field).isBlank()) {
            errors.add(field, message);
        }
        return get(field).trim();
    }

    private String blankToNull(String field) {
        return get(field).isBlank() ? null : get(field).trim();
    }

    /** The form's name for a set's routing policy. */
    private static String policy(RoutingPolicy r) {
        if (r == null) {
            return "simple";
        } else if (r instanceof RoutingPolicy.MultiValue) {
            return "multivalue";
        } else if (r instanceof RoutingPolicy.IpBased) {
            return "ipbased";
        }
        return r.word();
    }

    private static void fillRouting(Map<String, String> t, RoutingPolicy r) {
        if (r instanceof RoutingPolicy.Weighted w) {
            t.put("weight", Long.toString(w.weight()));
        } else if (r instanceof RoutingPolicy.Latency l) {
            t.put("region", l.region());
        } else if (r instanceof RoutingPolicy.Failover f) {
            t.put("failover", f.role());
        } else if (r instanceof RoutingPolicy.Geolocation g) {
            t.put("continent", orBlank(g.continentCode()));
            t.put("country", orBlank(g.countryCode()));
            t.put("subdivision", orBlank(g.subdivisionCode()));
        } else if (r instanceof RoutingPolicy.Geoproximity g) {
            t.put("awsRegion", orBlank(g.awsRegion()));
            t.put("localZoneGroup", orBlank(g.localZoneGroup()));
            t.put("latitude", orBlank(g.latitude()));
            t.put("longitude", orBlank(g.longitude()));
            t.put("bias", g.bias() == null ? "" : g.bias().toString());
        } else if (r instanceof RoutingPolicy.IpBased c) {
            t.put("collection", c.collectionId());
            t.put("location", c.locationName());
        }
    }

    private static String orBlank(String s) {
        return s == null ? "" : s;
    }

    /** A name as the form shows it: relative to the zone (blank for the apex), a wildcard as "*" (the control services read both). */
    static String relative(String name, String origin) {
        String shown = shown(name);
        String lower = shown.toLowerCase(Locale.ROOT);
        if (lower.equals(origin.toLowerCase(Locale.ROOT))) {
            return "";
        }
        return lower.endsWith("." + origin.toLowerCase(Locale.ROOT)) ? shown.substring(0, shown.length() - origin.length() - 1) : shown;
    }

    /** A name as Route 53 lists it, with a wildcard as "*" rather than "\\052". */
    static String shown(String route53Name) {
        return route53Name.replace("\\052", "*");
    }

    /** A typed name as the API takes it: blank or @ is the apex, a trailing dot makes it absolute, else it is in the zone. */
    static String absolute(String typed, String origin) {
        String name = typed.trim();
        if (name.isEmpty() || name.equals("@")) {
            return origin;
        }
        return name.endsWith(".") ? name : name + "." + origin;
    }

    private static Map<String, String> sortedOptions(Set<String> values, boolean withBlank) {
        Map<String, String> options = new LinkedHashMap<>();
        if (withBlank) {
            options.put("", "—");
        }
        new TreeSet<>(values).forEach(v -> options.put(v, v));
        return options;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
