package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives: the event, a constant {@code Input}, the part selected by
 * {@code InputPath}, or an {@code InputTransformer}'s rendering, as documented in
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html.
 *
 * <p>Template rules, from that page: a placeholder outside quotes becomes the value as JSON
 * (a string keeps its quotes, an object stays an object); inside quotes it becomes the value's
 * text, not escaped ("EventBridge doesn't escape values extracted by Input Path"). A variable
 * whose path is absent from the event is not created: it renders as {@code null} outside quotes
 * and as nothing inside. A template that is neither JSON nor a quoted string is plain text, and
 * its placeholders take the values' text. Stateless and thread-safe.
 */
final class TargetInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");
    private static final Pattern PATH_STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d+|\\*)]");

    private TargetInput() {
    }

    /**
     * The payload for {@code target}, or null when the target receives the event unchanged.
     *
     * @param ruleArn   the matched rule's ARN, for {@code <aws.events.rule-arn>} (only built when a template asks)
     * @param ingestion when the bus received the event, for {@code <aws.events.event.ingestion-time>}
     */
    public static String render(Target target, ObjectNode event, String ruleName, java.util.function.Supplier<String> ruleArn,
                                Instant ingestion) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() != null) {
            JsonNode selected = select(event, target.inputPath());
            return selected == null ? "null" : selected.toString();
        }
        if (target.inputTransformer() == null) {
            return null;
        }
        Map<String, JsonNode> values = new HashMap<>();
        target.inputTransformer().inputPathsMap().forEach((name, path) -> {
            JsonNode value = select(event, path);
            if (value != null) {
                values.put(name, value);
            }
        });
        values.put("aws.events.rule-arn", JSON.getNodeFactory().textNode(ruleArn.get()));
        values.put("aws.events.rule-name", JSON.getNodeFactory().textNode(ruleName));
        values.put("aws.events.event.ingestion-time", JSON.getNodeFactory().textNode(ingestion.toString()));
        ObjectNode withoutDetail = event.deepCopy();
        withoutDetail.remove("detail");
        values.put("aws.events.event", withoutDetail);
        values.put("aws.events.event.json", event);
        return fill(target.inputTransformer().inputTemplate(), values);
    }

    /** Fills {@code template}'s placeholders, tracking whether each sits inside a JSON string. */
    static String fill(String template, Map<String, JsonNode> values) {
        String trimmed = template.strip();
        boolean structured = trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("\"");
        StringBuilder out = new StringBuilder(template.length() + 64);
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
                out.append(c);
                i++;
                continue;
            }
            if (c == '<') {
                Matcher m = PLACEHOLDER.matcher(template).region(i, template.length());
                if (m.lookingAt()) {
                    out.append(substitute(values.get(m.group(1)), structured && !inString));
                    i = m.end();
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String substitute(JsonNode value, boolean asJson) {
        if (asJson) {
            return value == null ? "null" : value.toString();
        }
        if (value == null) {
            return "";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /**
     * Evaluates EventBridge's JSONPath subset: {@code $}, dot steps (names may hold dashes),
     * array indices and {@code [*]} / {@code .*} wildcards. Returns null when the path is absent.
     */
    static JsonNode select(JsonNode root, String path) {
        if (path == null || !path.startsWith("$")) {
            return null;
        }
        JsonNode current = root;
        Matcher m = PATH_STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            String name = m.group(1);
            String index = m.group(2);
            if ("*".equals(name) || "*".equals(index)) {
                ArrayNode all = JSON.createArrayNode();
                current.elements().forEachRemaining(all::add);
                current = all;
            } else if (name != null) {
                current = current.isObject() ? current.get(name) : null;
            } else {
                current = current.isArray() ? current.get(Integer.parseInt(index)) : null;
            }
            if (current == null) {
                return null;
            }
            at = m.end();
        }
        return current;
    }
}
