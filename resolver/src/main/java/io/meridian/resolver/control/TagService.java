package io.meridian.resolver.control;

import io.meridian.resolver.store.ZoneStore;

import java.util.List;
import java.util.Map;

/**
 * Tags on hosted zones and health checks (ChangeTagsForResource, ListTagsForResource[s]): at most
 * 50 per resource, keys of 1-128 and values of at most 256 characters. Callers check that the
 * resource exists; resources are named "hostedzone/Id" or "healthcheck/Id".
 */
public final class TagService {
    static final int MAX_TAGS = 50;

    private final ZoneStore store;

    public TagService(ZoneStore store) {
        this.store = store;
    }

    /** Adds or overwrites {@code add}, then removes {@code remove}. */
    public synchronized void change(String resource, Map<String, String> add, List<String> remove) throws ControlException {
        for (Map.Entry<String, String> e : add.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 128 || e.getValue().length() > 256) {
                throw new ControlException("InvalidInput", "Tag keys must be 1 to 128 characters and values at most 256: " + e.getKey());
            }
        }
        Map<String, String> tags = store.tags(resource);
        tags.putAll(add);
        remove.forEach(tags::remove);
        if (tags.size() > MAX_TAGS) {
            throw new ControlException("InvalidInput", "A resource can have at most " + MAX_TAGS + " tags; this change would leave " + tags.size());
        }
        store.setTags(resource, tags);
    }

    public Map<String, String> list(String resource) {
        return store.tags(resource);
    }
}
