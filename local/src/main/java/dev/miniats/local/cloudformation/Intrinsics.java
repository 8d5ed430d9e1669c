package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates intrinsic functions and conditions in one stack's context
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 * {@code AWS::NoValue} answers null, and the property, list item or key holding it disappears.
 * Not thread-safe: one per stack operation.
 */
final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]*)}");

    /** What a stack knows about its resources and the other stacks' exports. */
    interface Resources {
        /** Ref of a created resource: its physical id. */
        String ref(String logicalId);

        /** Fn::GetAtt of a created resource. */
        String attribute(String logicalId, String attribute);

        /** Fn::ImportValue: another stack's export. */
        String importValue(String exportName);
    }

    private final ObjectNode template;
    private final Map<String, JsonNode> parameters;
    private final Map<String, String> pseudo;
    private final Resources resources;
    private final Map<String, Boolean> conditions = new HashMap<>();

    Intrinsics(ObjectNode template, Map<String, JsonNode> parameters, Map<String, String> pseudo, Resources resources) {
        this.template = template;
        this.parameters = parameters;
        this.pseudo = pseudo;
        this.resources = resources;
    }

    /** A named condition of the Conditions section, evaluated once. */
    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = template.path("Conditions").get(name);
        if (definition == null) {
            throw CfnException.invalid("Template format error: Unresolved condition dependency " + name + " in Fn::If or Condition");
        }
        boolean value = bool(definition);
        conditions.put(name, value);
        return value;
    }

    /** The value of a node with every function applied; null for AWS::NoValue. */
    JsonNode resolve(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> {
                JsonNode v = resolve(item);
                if (v != null) {
                    out.add(v);
                }
            });
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return function(key, node.get(key));
            }
        }
        ObjectNode out = NODES.objectNode();
        node.properties().forEach(e -> {
            JsonNode v = resolve(e.getValue());
            if (v != null) {
                out.set(e.getKey(), v);
            }
        });
        return out;
    }

    /** The value as text: numbers and booleans as CloudFormation writes them. */
    String text(JsonNode node) {
        JsonNode v = resolve(node);
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isContainerNode()) {
            throw CfnException.invalid("Template error: expected a string, found " + v);
        }
        return v.asText();
    }

    private JsonNode function(String name, JsonNode args) {
        return switch (name) {
            case "Ref" -> ref(args.asText());
            case "Fn::GetAtt" -> {
                List<String> parts = args.isTextual() ? List.of(args.asText().split("\\.", 2)) : List.of(text(args.get(0)), text(args.get(1)));
                if (parts.size() != 2) {
                    throw CfnException.invalid("Template error: every Fn::GetAtt object requires two non-empty parameters");
                }
                yield NODES.textNode(resources.attribute(parts.get(0), parts.get(1)));
            }
            case "Fn::Join" -> {
                List<String> items = new ArrayList<>();
                JsonNode list = resolve(args.get(1));
                list.forEach(item -> items.add(item.asText()));
                yield NODES.textNode(String.join(text(args.get(0)), items));
            }
            case "Fn::Select" -> {
                int index = Integer.parseInt(text(args.get(0)));
                JsonNode list = resolve(args.get(1));
                if (index < 0 || index >= list.size()) {
                    throw CfnException.invalid("Template error: Fn::Select cannot select nonexistent value at index " + index);
                }
                yield list.get(index);
            }
            case "Fn::Split" -> {
                ArrayNode out = NODES.arrayNode();
                for (String part : text(args.get(1)).split(Pattern.quote(text(args.get(0))), -1)) {
                    out.add(part);
                }
                yield out;
            }
            case "Fn::If" -> condition(args.get(0).asText()) ? resolve(args.get(1)) : resolve(args.get(2));
            case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not" -> NODES.textNode(String.valueOf(bool(NODES.objectNode().set(name, args))));
            case "Fn::FindInMap" -> findInMap(args);
            case "Fn::Base64" -> NODES.textNode(Base64.getEncoder().encodeToString(text(args).getBytes(StandardCharsets.UTF_8)));
            case "Fn::GetAZs" -> {
                String region = text(args).isEmpty() ? pseudo.get("AWS::Region") : text(args);
                yield NODES.arrayNode().add(region + "a").add(region + "b").add(region + "c");
            }
            case "Fn::ImportValue" -> NODES.textNode(resources.importValue(text(args)));
            case "Fn::Sub" -> NODES.textNode(sub(args));
            default -> throw CfnException.invalid("Template format error: Unrecognized function " + name);
        };
    }

    private JsonNode ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        if (name.equals("AWS::NotificationARNs")) {
            return NODES.arrayNode();
        }
        if (pseudo.containsKey(name)) {
            return NODES.textNode(pseudo.get(name));
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return NODES.textNode(resources.ref(name));
    }

    private JsonNode findInMap(JsonNode args) {
        String map = text(args.get(0));
        String top = text(args.get(1));
        String second = text(args.get(2));
        JsonNode value = template.path("Mappings").path(map).path(top).get(second);
        if (value == null) {
            throw CfnException.invalid("Template error: Unable to get mapping for " + map + "::" + top + "::" + second);
        }
        return value;
    }

    private String sub(JsonNode args) {
        String text = args.isTextual() ? args.asText() : text(args.get(0));
        Map<String, String> vars = new HashMap<>();
        if (args.isArray() && args.size() > 1) {
            args.get(1).properties().forEach(e -> vars.put(e.getKey(), text(e.getValue())));
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String var = m.group(1);
            String value;
            if (var.startsWith("!")) {
                value = "${" + var.substring(1) + "}"; // ${!Literal} writes ${Literal}
            } else if (vars.containsKey(var.strip())) {
                value = vars.get(var.strip());
            } else if (var.contains(".") && !var.startsWith("AWS::")) {
                String[] parts = var.strip().split("\\.", 2);
                value = resources.attribute(parts[0], parts[1]);
            } else {
                JsonNode v = ref(var.strip());
                value = v == null ? "" : v.isArray() ? joined(v) : v.asText();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A list value as text, comma-separated, as CloudFormation writes a list in a string. */
    static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(",", parts);
    }

    private boolean bool(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode args = node.get(key);
            switch (key) {
                case "Condition" -> {
                    return condition(args.asText());
                }
                case "Fn::Equals" -> {
                    return text(args.get(0)).equals(text(args.get(1)));
                }
                case "Fn::Not" -> {
                    return !bool(args.get(0));
                }
                case "Fn::And" -> {
                    for (JsonNode a : args) {
                        if (!bool(a)) {
                            return false;
                        }
                    }
                    return true;
                }
                case "Fn::Or" -> {
                    for (JsonNode a : args) {
                        if (bool(a)) {
                            return true;
                        }
                    }
                    return false;
                }
                default -> {
                    return text(node).equalsIgnoreCase("true");
                }
            }
        }
        return text(node).equalsIgnoreCase("true");
    }
}
