package io.meridian.resolver.control;

import java.util.List;

/**
 * One Change of a ChangeResourceRecordSets batch for a simple record set (ROUTE53.md §1.7):
 * CREATE, DELETE or UPSERT of (name, type) with a TTL and values in presentation format.
 */
public record RecordSetChange(String action, String name, String type, long ttl, List<String> values) {
}
