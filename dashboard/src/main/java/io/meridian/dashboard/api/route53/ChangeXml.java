package io.meridian.dashboard.api.route53;

import io.meridian.resolver.control.RecordSetChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one Change element of a ChangeResourceRecordSetsRequest (ROUTE53.md §1.7). */
final class ChangeXml {
    private static final Set<String> SIMPLE = Set.of("Name", "Type", "TTL", "ResourceRecords");

    private ChangeXml() {
    }

    static RecordSetChange recordSetChange(RequestXml change) throws ApiException {
        String action = change.get("Action");
        RequestXml set = change.child("ResourceRecordSet");
        if (action == null || set == null) {
            throw invalid("Every Change needs an Action and a ResourceRecordSet");
        }
        for (String field : set.childNames()) {
            if (!SIMPLE.contains(field)) {
                throw invalid("ResourceRecordSet " + field + " is not supported yet: this appliance takes simple record sets"
                        + " (Name, Type, TTL, ResourceRecords); routing policies and alias records arrive with the routing engine");
            }
        }
        String name = set.get("Name");
        String type = set.get("Type");
        String ttl = set.get("TTL");
        RequestXml records = set.child("ResourceRecords");
        if (ttl == null || records == null) {
            throw invalid("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                    + " TrafficPolicyInstanceId], but found none in Change with [Action=" + action + ", Name=" + name + ", Type="
                    + type + ", SetIdentifier=null]");
        }
        long seconds;
        try {
            seconds = Long.parseLong(ttl);
        } catch (NumberFormatException e) {
            throw invalid("TTL must be a whole number of seconds, got " + ttl);
        }
        if (seconds < 0 || seconds > 2_147_483_647L) {
            throw invalid("TTL must be between 0 and 2147483647, got " + ttl);
        }
        List<String> values = new ArrayList<>();
        for (RequestXml r : records.children("ResourceRecord")) {
            values.add(r.get("Value") == null ? "" : r.get("Value"));
        }
        if (values.isEmpty()) {
            throw invalid("ResourceRecords needs at least one ResourceRecord");
        }
        return new RecordSetChange(action, name == null ? "" : name, type == null ? "" : type, seconds, values);
    }

    private static ApiException invalid(String message) {
        return new ApiException(new ApiError(400, "Sender", "InvalidInput", message));
    }
}
