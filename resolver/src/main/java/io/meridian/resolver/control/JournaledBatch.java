package io.meridian.resolver.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meridian.resolver.zone.RoutingPolicy;

import java.io.IOException;
import java.util.List;

/** A change batch as the journal holds it: enough to apply it again, exactly as it was accepted. */
record JournaledBatch(String changeId, String zoneId, long submittedMillis, List<RecordSetChange> changes) {
    private static final ObjectMapper JSON = new ObjectMapper().addMixIn(RoutingPolicy.class, PolicyTypes.class);

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "policy")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = RoutingPolicy.Weighted.class, name = "weighted"),
            @JsonSubTypes.Type(value = RoutingPolicy.Latency.class, name = "latency"),
            @JsonSubTypes.Type(value = RoutingPolicy.Geolocation.class, name = "geolocation"),
            @JsonSubTypes.Type(value = RoutingPolicy.Failover.class, name = "failover"),
            @JsonSubTypes.Type(value = RoutingPolicy.MultiValue.class, name = "multivalue"),
            @JsonSubTypes.Type(value = RoutingPolicy.IpBased.class, name = "ip"),
            @JsonSubTypes.Type(value = RoutingPolicy.Geoproximity.class, name = "geoproximity")})
    private interface PolicyTypes {
    }

    byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a change batch did not serialize", e);
        }
    }

    static JournaledBatch decode(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, JournaledBatch.class);
    }
}
