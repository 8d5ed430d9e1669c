package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A template's Parameters section and the values a request gives them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
 * Checks types, AllowedValues, AllowedPattern and lengths with CloudFormation's messages. Immutable.
 */
record TemplateParameters(Map<String, Declared> declared) {
    /** One declared parameter. */
    record Declared(String name, String type, String defaultValue, boolean noEcho, String description, JsonNode definition) {
        boolean isList() {
            return type.equals("CommaDelimitedList") || type.startsWith("List<");
        }
    }

    TemplateParameters {
        declared = Map.copyOf(declared);
    }

    static TemplateParameters of(ObjectNode template) {
        Map<String, Declared> out = new LinkedHashMap<>();
        JsonNode section = template.path("Parameters");
        if (section.isMissingNode()) {
            return new TemplateParameters(out);
        }
        if (!section.isObject()) {
            throw CfnException.invalid("Template format error: Parameters must be an object");
        }
        section.properties().forEach(e -> {
            JsonNode d = e.getValue();
            String type = d.path("Type").asText("");
            if (type.isEmpty()) {
                throw CfnException.invalid("Template format error: Every Parameters object must contain a Type member.");
            }
            boolean known = type.equals("String") || type.equals("Number") || type.equals("CommaDelimitedList")
                    || type.equals("List<Number>") || type.startsWith("List<") || type.startsWith("AWS::");
            if (!known) {
                throw CfnException.invalid("Template format error: Unrecognized parameter type: " + type);
            }
            JsonNode def = d.get("Default");
            out.put(e.getKey(), new Declared(e.getKey(), type, def == null ? null : scalar(def),
                    d.path("NoEcho").asText("false").equalsIgnoreCase("true"), d.path("Description").asText(null), d));
        });
        return new TemplateParameters(new LinkedHashMap<>(out));
    }

    private static String scalar(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.asText()));
            return String.join(",", parts);
        }
        return node.asText();
    }

    /** The declared parameters by name, as ValidateTemplate lists them. */
    List<Declared> list() {
        return declared.values().stream().sorted(java.util.Comparator.comparing(Declared::name)).toList();
    }

    /**
     * The value of every parameter: given, else previous (UsePreviousValue), else the default.
     * Strings as text nodes, lists as arrays.
     */
    Map<String, JsonNode> resolve(Map<String, String> given, Map<String, String> previous) {
        List<String> unknown = given.keySet().stream().filter(k -> !declared.containsKey(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw CfnException.invalid("Parameters: " + unknown + " do not exist in the template");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Declared d : declared.values()) {
            String value = given.containsKey(d.name()) ? given.get(d.name())
                    : previous.containsKey(d.name()) ? previous.get(d.name()) : d.defaultValue();
            if (value == null) {
                missing.add(d.name());
                continue;
            }
            check(d, value);
            if (d.isList()) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                for (String part : value.split(",", -1)) {
                    list.add(part.strip());
                }
                values.put(d.name(), list);
            } else {
                values.put(d.name(), JsonNodeFactory.instance.textNode(value));
            }
        }
        if (!missing.isEmpty()) {
            throw CfnException.invalid("Parameters: " + missing + " must have values");
        }
        return values;
    }

    private static void check(Declared d, String value) {
        JsonNode def = d.definition();
        String name = d.name();
        if (d.type().equals("Number")) {
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw CfnException.invalid("Parameter '" + name + "' must be a number not '" + value + "'");
            }
            if (def.has("MinValue") && Double.parseDouble(value) < def.get("MinValue").asDouble()) {
                throw CfnException.invalid("Parameter '" + name + "' must be a number not less than " + def.get("MinValue").asText());
            }
            if (def.has("MaxValue") && Double.parseDouble(value) > def.get("MaxValue").asDouble()) {
                throw CfnException.invalid("Parameter '" + name + "' must be a number not greater than " + def.get("MaxValue").asText());
            }
        }
        if (def.has("AllowedValues")) {
            List<String> allowed = new ArrayList<>();
            def.get("AllowedValues").forEach(v -> allowed.add(v.asText()));
            List<String> items = d.isList() ? List.of(value.split(",", -1)) : List.of(value);
            if (!items.stream().map(String::strip).allMatch(allowed::contains)) {
                throw CfnException.invalid("Parameter '" + name + "' must be one of AllowedValues");
            }
        }
        if (def.has("AllowedPattern")) {
            String pattern = def.get("AllowedPattern").asText();
            boolean matches;
            try {
                matches = Pattern.compile(pattern).matcher(value).matches();
            } catch (PatternSyntaxException e) {
                throw CfnException.invalid("Template format error: AllowedPattern of " + name + " is not a regular expression: " + pattern);
            }
            if (!matches) {
                throw CfnException.invalid("Parameter '" + name + "' must match pattern " + pattern);
            }
        }
        if (def.has("MinLength") && value.length() < def.get("MinLength").asInt()) {
            throw CfnException.invalid("Parameter '" + name + "' must contain at least " + def.get("MinLength").asInt() + " characters");
        }
        if (def.has("MaxLength") && value.length() > def.get("MaxLength").asInt()) {
            throw CfnException.invalid("Parameter '" + name + "' must contain at most " + def.get("MaxLength").asInt() + " characters");
        }
    }
}
