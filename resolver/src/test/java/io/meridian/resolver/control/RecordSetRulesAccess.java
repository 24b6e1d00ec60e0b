package io.meridian.resolver.control;

import java.util.Set;

/** Test access to the Route 53 region list, so the geo tables can be checked against it. */
public final class RecordSetRulesAccess {
    private RecordSetRulesAccess() {
    }

    public static Set<String> regions() {
        return RecordSetRules.REGIONS;
    }
}
