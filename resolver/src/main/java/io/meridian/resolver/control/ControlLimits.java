package io.meridian.resolver.control;

/**
 * The quotas the control plane enforces, defaulting to Route 53's (ROUTE53.md §1.4, §1.6).
 * They bound what the API accepts; zone-file import is the operator's own act and is not
 * limited by {@link #recordSetsPerZone}.
 */
public record ControlLimits(int recordsPerBatch, int valueCharsPerBatch, int recordSetsPerZone, int valuesPerRecordSet,
                            int weightedSetsPerName, int geoproximitySetsPerName, int hostedZones, int healthChecks,
                            int cidrCollections, int cidrBlocksPerCollection) {

    public static final ControlLimits ROUTE53 = new ControlLimits(1000, 32_000, 10_000, 400, 100, 30, 500, 200, 5, 1000);

    public ControlLimits {
        int[] all = {recordsPerBatch, valueCharsPerBatch, recordSetsPerZone, valuesPerRecordSet, weightedSetsPerName,
                geoproximitySetsPerName, hostedZones, healthChecks, cidrCollections, cidrBlocksPerCollection};
        for (int v : all) {
            if (v < 1) {
                throw new IllegalArgumentException("every limit must be at least 1, got " + v);
            }
        }
    }
}
