package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A template's Rules section
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html):
 * before anything is created, each rule whose RuleCondition holds (a rule without one always
 * applies) checks its Assertions against the parameter values, and the first that fails refuses
 * the request with its AssertDescription, as CloudFormation does. The CDK's CheckBootstrapVersion
 * rule is one. Stateless.
 */
final class TemplateRules {
    private TemplateRules() {
    }

    /** Evaluates every rule of {@code template} with {@code fns} (parameters and pseudo parameters resolved). */
    static void check(Template template, Intrinsics fns) {
        JsonNode rules = template.tree().path("Rules");
        if (rules.isMissingNode()) {
            return;
        }
        if (!rules.isObject()) {
            throw CfnException.invalid("Template format error: Rules must be an object");
        }
        rules.properties().forEach(rule -> {
            JsonNode body = rule.getValue();
            if (body.has("RuleCondition") && !bool(body.get("RuleCondition"), fns)) {
                return;
            }
            JsonNode assertions = body.path("Assertions");
            if (!assertions.isArray() || assertions.isEmpty()) {
                throw CfnException.invalid("Template format error: Rule " + rule.getKey() + " must have a non-empty Assertions list");
            }
            for (JsonNode assertion : assertions) {
                if (!assertion.has("Assert")) {
                    throw CfnException.invalid("Template format error: every Assertion of rule " + rule.getKey() + " needs an Assert");
                }
                if (!bool(assertion.get("Assert"), fns)) {
                    throw CfnException.invalid(assertion.path("AssertDescription").asText("Template validation error: Rule "
                            + rule.getKey() + " failed an assertion"));
                }
            }
        });
    }

    /** The rule-specific functions (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html#rules-specific-intrinsic-section-structure). */
    private static boolean bool(JsonNode node, Intrinsics fns) {
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode args = node.get(key);
            switch (key) {
                case "Fn::And" -> {
                    for (JsonNode a : args) {
                        if (!bool(a, fns)) {
                            return false;
                        }
                    }
                    return true;
                }
                case "Fn::Or" -> {
                    for (JsonNode a : args) {
                        if (bool(a, fns)) {
                            return true;
                        }
                    }
                    return false;
                }
                case "Fn::Not" -> {
                    return !bool(args.get(0), fns);
                }
                case "Fn::Equals" -> {
                    return text(args.get(0), fns).equals(text(args.get(1), fns));
                }
                case "Fn::Contains" -> {
                    return list(args.get(0), fns).contains(text(args.get(1), fns));
                }
                case "Fn::EachMemberEquals" -> {
                    String value = text(args.get(1), fns);
                    return list(args.get(0), fns).stream().allMatch(value::equals);
                }
                case "Fn::EachMemberIn" -> {
                    return list(args.get(1), fns).containsAll(list(args.get(0), fns));
                }
                case "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll" -> throw CfnException.invalid("Template format error: rule function "
                        + key + " reads AWS-specific parameter types (EC2 and the like), which the local runtime does not have");
                default -> {
                    return text(node, fns).equalsIgnoreCase("true");
                }
            }
        }
        return text(node, fns).equalsIgnoreCase("true");
    }

    private static String text(JsonNode node, Intrinsics fns) {
        JsonNode v = fns.resolve(node);
        return v == null ? "" : v.isArray() ? Intrinsics.joined(v) : v.asText();
    }

    private static List<String> list(JsonNode node, Intrinsics fns) {
        JsonNode v = fns.resolve(node);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(item -> out.add(item.asText()));
        } else if (v != null) {
            out.add(v.asText());
        }
        return out;
    }
}
