package io.meridian.resolver.control;

/** One Change of a ChangeResourceRecordSets batch (ROUTE53.md §1.7): CREATE, DELETE or UPSERT of a record set. */
public record RecordSetChange(String action, ResourceRecordSet set) {
}
