package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.ssm.Parameter;
import dev.miniats.local.ssm.ParameterStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudFormation reads from Parameter Store: template parameters of the SSM types
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html#cloudformation-supplied-parameter-types-ssm),
 * whose given value is a parameter name and whose value in the stack is that parameter's value
 * (the CDK's {@code BootstrapVersion} is one), and {@code {{resolve:ssm:name[:version]}}} dynamic
 * references in resource properties
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm.html).
 * Thread-safe.
 */
final class SsmValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String VALUE_TYPE = "AWS::SSM::Parameter::Value<";
    private static final Pattern DYNAMIC = Pattern.compile("\\{\\{resolve:([a-z-]+):([^}]*)}}");

    private final ParameterStore parameters;

    SsmValues(ParameterStore parameters) {
        this.parameters = parameters;
    }

    /** Parameter values with every SSM-typed one replaced by the value it names; ValidationError when one is missing. */
    Map<String, JsonNode> resolveTypes(TemplateParameters declared, Map<String, JsonNode> values) {
        Map<String, JsonNode> out = new LinkedHashMap<>(values);
        for (TemplateParameters.Declared d : declared.declared().values()) {
            JsonNode given = values.get(d.name());
            if (given == null || !d.type().startsWith("AWS::SSM::Parameter::")) {
                continue;
            }
            String name = given.isArray() ? Intrinsics.joined(given) : given.asText();
            Parameter p = parameters.find(name).orElseThrow(() -> CfnException.invalid(
                    "Unable to fetch parameters [" + name + "] from parameter store for this account."));
            if (d.type().equals("AWS::SSM::Parameter::Name")) {
                continue; // the name itself is the value; it only has to exist
            }
            if (!d.type().startsWith(VALUE_TYPE)) {
                throw CfnException.invalid("Template format error: Unrecognized parameter type: " + d.type());
            }
            String inner = d.type().substring(VALUE_TYPE.length(), d.type().length() - 1);
            if (inner.startsWith("List<") || inner.equals("CommaDelimitedList")) {
                ArrayNode list = NODES.arrayNode();
                for (String part : p.value().split(",", -1)) {
                    list.add(part.strip());
                }
                out.put(d.name(), list);
            } else {
                out.put(d.name(), NODES.textNode(p.value()));
            }
        }
        return out;
    }

    /** {@code properties} with every {@code {{resolve:ssm:...}}} in its strings replaced by the parameter's value. */
    JsonNode resolveReferences(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText().contains("{{resolve:") ? NODES.textNode(substitute(node.asText())) : node;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(resolveReferences(item)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            node.properties().forEach(e -> out.set(e.getKey(), resolveReferences(e.getValue())));
            return out;
        }
        return node;
    }

    private String substitute(String text) {
        Matcher m = DYNAMIC.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!m.group(1).equals("ssm")) {
                throw CfnException.invalid("Dynamic reference {{resolve:" + m.group(1) + ":...}} is not supported locally; "
                        + "the local runtime resolves {{resolve:ssm:name}} and {{resolve:ssm:name:version}} from its Parameter Store");
            }
            String spec = m.group(2);
            int colon = spec.lastIndexOf(':');
            boolean versioned = colon > 0 && spec.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < spec.length() - 1;
            String name = versioned ? spec.substring(0, colon) : spec;
            Optional<Parameter> p = parameters.find(name);
            if (p.isEmpty() || (versioned && p.get().version() != Long.parseLong(spec.substring(colon + 1)))) {
                throw CfnException.invalid("Unable to fetch parameters [" + spec + "] from parameter store for this account.");
            }
            if (p.get().type().equals("SecureString")) {
                throw CfnException.invalid("Parameter " + name + " is a SecureString; reference it with {{resolve:ssm-secure:...}}, "
                        + "which only some resource properties accept");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(p.get().value()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
