package io.meridian.resolver.zone;

/** The health table as zone compilation sees it: a slot per check Id, read by the query path. */
public interface HealthSlots extends HealthStatus {
    /** The slot of a check Id, or -1 (then it reads healthy). */
    int slot(String checkId);

    /** No health table: every check reads healthy. */
    HealthSlots NONE = new HealthSlots() {
        @Override
        public int slot(String checkId) {
            return -1;
        }

        @Override
        public boolean healthy(int slot) {
            return true;
        }
    };
}
