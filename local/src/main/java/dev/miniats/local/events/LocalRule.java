package dev.miniats.local.events;

import dev.miniats.local.aws.Arns;

import java.util.List;
import java.util.Objects;

/**
 * A rule as the local bus runs it: on one bus, with up to five targets.
 *
 * @param declared true while the rule is exactly as core's RoutingDeclaration made it; a change
 *                 through the API clears it, and a start then leaves the rule alone
 */
public record LocalRule(String bus, String name, String eventPattern, String description, boolean enabled,
                        boolean declared, List<Target> targets) {
    public static final int MAX_TARGETS = 5;

    public LocalRule {
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eventPattern, "eventPattern");
        targets = List.copyOf(targets);
    }

    /** The key event-ruler reports a match by: bus-qualified, so two buses may use the same rule name. */
    String machineKey() {
        return bus + "/" + name;
    }

    /** EventBridge's rule ARN: {@code rule/<name>} on the default bus, {@code rule/<bus>/<name>} on others. */
    public String arn(String region, String account) {
        return new Arns(region, account).rule(bus, name);
    }

    public LocalRule withTargets(List<Target> newTargets) {
        return new LocalRule(bus, name, eventPattern, description, enabled, false, newTargets);
    }

    public LocalRule withEnabled(boolean newEnabled) {
        return new LocalRule(bus, name, eventPattern, description, newEnabled, false, targets);
    }
}
