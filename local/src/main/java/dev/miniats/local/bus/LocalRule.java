package dev.miniats.local.bus;

import dev.miniats.core.routing.RetryPolicy;

import java.util.Objects;

/**
 * A rule as the local bus runs it: on one bus, with one Lambda target.
 */
public record LocalRule(String bus, String name, String eventPattern, String targetFunction,
                        RetryPolicy retryPolicy, boolean enabled) {
    public LocalRule {
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eventPattern, "eventPattern");
        Objects.requireNonNull(targetFunction, "targetFunction");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** The key event-ruler reports a match by: bus-qualified, so two buses may use the same rule name. */
    String machineKey() {
        return bus + "/" + name;
    }
}
