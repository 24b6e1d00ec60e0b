package io.meridian.resolver.querylog;

import org.junit.jupiter.api.Test;

import static io.meridian.resolver.querylog.LoggedQueryTest.query;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryLogFilterTest {
    private final LoggedQuery v4 = query("www.Example.com", "A", "NOERROR", "192.0.2.7", "198.51.100.0/24");
    private final LoggedQuery v6 = query("api.other.net", "AAAA", "NXDOMAIN", "2001:db8::1", "-");

    @Test
    void everyPartNarrowsAndBlankMeansAny() {
        assertTrue(QueryLogFilter.ANY.matches(v4));
        assertTrue(new QueryLogFilter(" ", "", null, null, null).matches(v6));
        assertTrue(new QueryLogFilter("example.com.", null, null, null, null).matches(v4));
        assertTrue(new QueryLogFilter("ZABC123", null, null, null, null).matches(v6), "by hosted zone id");
        assertFalse(new QueryLogFilter("ample.com", null, null, null, null).matches(v4), "a zone is a domain, not a suffix");
        assertTrue(new QueryLogFilter(null, "WWW", "a", "noerror", null).matches(v4));
        assertFalse(new QueryLogFilter(null, null, "AAAA", null, null).matches(v4));
        assertFalse(new QueryLogFilter(null, null, null, "NXDOMAIN", null).matches(v4));
    }

    @Test
    void theClientPrefixMatchesTheResolverOrTheClientSubnet() {
        assertTrue(new QueryLogFilter(null, null, null, null, "192.0.2.0/24").matches(v4));
        assertTrue(new QueryLogFilter(null, null, null, null, "198.51.0.0/16").matches(v4), "the ECS subnet lies inside");
        assertFalse(new QueryLogFilter(null, null, null, null, "198.51.100.7").matches(v4), "a /24 subnet is not one address");
        assertTrue(new QueryLogFilter(null, null, null, null, "2001:db8::/32").matches(v6));
        assertFalse(new QueryLogFilter(null, null, null, null, "10.0.0.0/8").matches(v4));
        assertThrows(IllegalArgumentException.class, () -> new QueryLogFilter(null, null, null, null, "example.com"));
        assertThrows(IllegalArgumentException.class, () -> new QueryLogFilter(null, null, null, null, "10.0.0.0/33"));
    }
}
