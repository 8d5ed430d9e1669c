package dev.miniats.local.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags of buses and rules, stored with them in SQLite ({@link RuleStore}). Thread-safe: a
 * change holds the {@link EventBus}'s lock, the one its bus and rule deletions hold, so a tag is
 * never written for a bus or rule being deleted (whose tags the deletion removes).
 */
final class BusTags {
    /** Tags per bus or rule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-tagging.html). */
    static final int MAX_TAGS = 50;

    private final EventBus bus;
    private final RuleStore store;

    BusTags(EventBus bus) {
        this.bus = bus;
        this.store = bus.store();
    }

    /** The tags of bus {@code busName} (rule null) or of its rule {@code rule}. @throws BusException.NotFound when it does not exist */
    Map<String, String> of(String busName, String rule) {
        requireExisting(busName, rule);
        return store.tags(busName, rule);
    }

    /**
     * Adds {@code tags} to a bus (rule null) or rule, replacing the values of keys it has.
     *
     * @throws BusException.Validation when the resource would have more than {@link #MAX_TAGS} tags
     */
    void tag(String busName, String rule, Map<String, String> tags) {
        synchronized (bus) {
            requireExisting(busName, rule);
            Map<String, String> merged = new HashMap<>(store.tags(busName, rule));
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw new BusException.Validation("The resource would have " + merged.size() + " tags; a bus or rule has at most "
                        + MAX_TAGS + " tags.");
            }
            store.putTags(busName, rule, tags);
        }
    }

    /** Removes the tags with {@code keys}; keys the resource does not have are ignored, as in EventBridge. */
    void untag(String busName, String rule, List<String> keys) {
        synchronized (bus) {
            requireExisting(busName, rule);
            store.removeTags(busName, rule, keys);
        }
    }

    private void requireExisting(String busName, String rule) {
        if (rule != null) {
            bus.requireRule(busName, rule);
        } else if (!bus.hasBus(busName)) {
            throw new BusException.NotFound("Event bus " + busName + " does not exist.");
        }
    }
}
