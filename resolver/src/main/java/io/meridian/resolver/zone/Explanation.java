package io.meridian.resolver.zone;

import java.util.ArrayList;
import java.util.List;

/**
 * Why an answer is what it is: for each routed group met while answering, the policy, the
 * client facts used, every candidate with its health and routing facts, and the chosen ones.
 * Filled only when asked for (Explain, the dashboard); the query path never builds one.
 */
public final class Explanation {
    /** One candidate record set as the decision saw it. */
    public record Candidate(String setIdentifier, boolean healthy, String facts, boolean chosen) {
    }

    /** One routed group: owner and type, its policy, the client as it was placed, and the candidates. */
    public record Decision(String owner, String type, String policy, String client, List<Candidate> candidates) {
    }

    private final List<Decision> decisions = new ArrayList<>();

    void add(Decision d) {
        decisions.add(d);
    }

    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }
}
