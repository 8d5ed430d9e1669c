package dev.miniats.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One statement of a policy document, already validated by {@link PolicyDocument#parse}.
 * {@code actions} are the Action or (when {@code notAction}) NotAction patterns; likewise
 * resources. {@code conditions} maps operator to condition key to values. {@code principals}
 * holds a trust policy's Principal as {@code type -> values} ({@code "*"} as type {@code *}).
 * Immutable.
 */
record Statement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                 Map<String, Map<String, List<String>>> conditions, Map<String, List<String>> principals) {
    Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = Map.copyOf(Objects.requireNonNull(conditions, "conditions"));
        principals = Map.copyOf(Objects.requireNonNull(principals, "principals"));
    }
}
