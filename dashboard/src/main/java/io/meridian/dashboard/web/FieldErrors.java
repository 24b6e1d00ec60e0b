package io.meridian.dashboard.web;

import io.meridian.resolver.control.ControlException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A form's errors, each beside the field it concerns. The control services word their refusals
 * for the API (RecordSetRules, ChangeBatch); this places each reason by the member it names, and
 * keeps the rest for the top of the form. The first matching rule wins, so the rules that name
 * several members ("SetIdentifiers ... have the same failover role", "GeoProximityLocation takes
 * exactly one of AWSRegion, ...") come before the single ones.
 */
final class FieldErrors {
    /** Where the control services' reasons belong: a pattern over the message, then the form field. */
    private static final List<Map.Entry<Pattern, String>> PLACES = List.of(
            place("same failover role|Failover must", "failover"),
            place("same latency region|latency Region", "region"),
            place("same geolocation|GeoLocation|ContinentCode|CountryCode|SubdivisionCode", "geolocation"),
            place("CIDR location|has no location|LocationName", "location"),
            place("CIDR collection|CollectionId", "collection"),
            place("same TTL|TTL must", "ttl"),
            place("Weight must", "weight"),
            place("GeoProximityLocation", "geoproximity"),
            place("AWSRegion|not an AWS Region", "awsRegion"),
            place("LocalZoneGroup must", "localZoneGroup"),
            place("Coordinates", "latitude"),
            place("Bias must", "bias"),
            place("EvaluateTargetHealth", "evaluateTargetHealth"),
            place("HealthCheckId|health check", "healthCheckId"),
            place("AliasTarget HostedZoneId|hosted zone does not exist", "aliasZone"),
            place("AliasTarget DNSName|alias target|an alias that targets|cannot be an alias|alias record set cannot", "aliasName"),
            place("Invalid Resource Record|ResourceRecord Value|a CNAME has exactly one|values; the limit", "values"),
            place("a non .* rrset exists|other RRSets exist", "name"),
            place("SetIdentifier", "setIdentifier"),
            place("Expected exactly one of \\[Weight", "policy"),
            place("Expected exactly one of \\[AliasTarget", "values"),
            place("Type must be|cannot have type", "type"),
            place("Name must be|Invalid DNS name|not permitted|conflicting RRSet|already exists", "name"));
    /** What the API needs and a form does not: which change of the batch it was. */
    private static final Pattern WHERE = Pattern.compile(" in Change with \\[Action=.*]$");

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();
    private final Set<String> shown = new HashSet<>();

    private static Map.Entry<Pattern, String> place(String pattern, String field) {
        return Map.entry(Pattern.compile(pattern), field);
    }

    /** An error the form itself found (a TTL that is not a number). */
    void add(String field, String message) {
        byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    /** An error that belongs to no one field. */
    void addGeneral(String message) {
        general.add(message);
    }

    /** Every reason of a refusal, beside its field where it names one, or above the form. */
    void add(ControlException e) {
        List<String> reasons = e.reasons().isEmpty() ? List.of(e.getMessage()) : e.reasons();
        for (String reason : reasons) {
            String shown = WHERE.matcher(reason.replaceFirst("^Invalid request: ", "")).replaceFirst("");
            String field = PLACES.stream().filter(p -> p.getKey().matcher(reason).find()).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (field == null) {
                addGeneral(shown);
            } else {
                add(field, shown);
            }
        }
    }

    boolean isEmpty() {
        return byField.isEmpty() && general.isEmpty();
    }

    boolean has(String field) {
        return byField.containsKey(field);
    }

    /** A labelled form control with its errors beside it; the label turns red when there are any. */
    String field(String name, String label, String control) {
        return "<label" + (has(name) ? " class=invalid" : "") + " for=f-" + name + ">" + label + control + beside(name) + "</label>";
    }

    /** The field's errors as HTML to sit beside it, or nothing. */
    String beside(String field) {
        shown.add(field);
        StringBuilder b = new StringBuilder();
        byField.getOrDefault(field, List.of()).forEach(m -> b.append("<span class=field-error>").append(Html.escape(m)).append("</span>"));
        return b.toString();
    }

    /**
     * The errors for the top of the form: those that name no field, and those whose field the form
     * did not show (so none is lost). Call it after rendering the fields.
     */
    String above() {
        StringBuilder b = new StringBuilder();
        general.forEach(m -> b.append("<p class=error>").append(Html.escape(m)).append("</p>"));
        byField.forEach((field, messages) -> {
            if (!shown.contains(field)) {
                messages.forEach(m -> b.append("<p class=error>").append(Html.escape(m)).append("</p>"));
            }
        });
        return b.toString();
    }
}
