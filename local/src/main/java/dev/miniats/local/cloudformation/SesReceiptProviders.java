package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.ses.ReceiptRule;
import dev.miniats.local.ses.ReceiptRuleException;
import dev.miniats.local.ses.ReceiptRules;

import java.util.Map;

/**
 * AWS::SES::ReceiptRuleSet and AWS::SES::ReceiptRule, made in the runtime's SES, so
 * {@code aws ses describe-receipt-rule-set} shows them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-receiptruleset.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-receiptrule.html).
 * Ref is the set's or the rule's name. A new RuleSetName (or rule Name) replaces the resource; any
 * other change to a rule, After included, is applied in place. Activating a set is not a resource
 * on AWS either (SetActiveReceiptRuleSet).
 */
final class SesReceiptProviders {
    private SesReceiptProviders() {
    }

    static void register(ResourceProviders registry, ReceiptRules rules) {
        registry.register("AWS::SES::ReceiptRuleSet", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("RuleSetName").asText(naming.name(64));
                rules.createRuleSet(name);
                return new Made(name, Map.of());
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                return after.path("RuleSetName").equals(before.path("RuleSetName")) ? new Made(physicalId, attributes) : null;
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                rules.deleteRuleSet(physicalId);
            }
        });
        registry.register("AWS::SES::ReceiptRule", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                ReceiptRule rule = rule(p, naming.name(64));
                rules.createRule(ruleSet(p), after(p), rule);
                return new Made(rule.name(), Map.of());
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                if (!after.path("RuleSetName").equals(before.path("RuleSetName"))
                        || !physicalId.equals(after.path("Rule").path("Name").asText(physicalId))) {
                    return null;
                }
                String set = ruleSet(after);
                rules.updateRule(set, rule(after, physicalId));
                if (!after.path("After").equals(before.path("After"))) {
                    rules.setPosition(set, physicalId, after(after));
                }
                return new Made(physicalId, attributes);
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                try {
                    rules.deleteRule(ruleSet(properties), physicalId);
                } catch (ReceiptRuleException e) {
                    if (!e.queryCode().equals("RuleSetDoesNotExist")) {
                        throw e; // a rule whose set is gone is gone too
                    }
                }
            }
        });
    }

    private static String ruleSet(JsonNode p) {
        if (!p.path("RuleSetName").isTextual()) {
            throw CfnException.invalid("Property RuleSetName of AWS::SES::ReceiptRule is required");
        }
        return p.get("RuleSetName").asText();
    }

    private static String after(JsonNode p) {
        return p.path("After").isTextual() ? p.get("After").asText() : null;
    }

    /** The Rule property, named {@code defaultName} when the template leaves Name out, as CloudFormation does. */
    private static ReceiptRule rule(JsonNode p, String defaultName) {
        if (!p.path("Rule").isObject()) {
            throw CfnException.invalid("Property Rule of AWS::SES::ReceiptRule is required");
        }
        ObjectNode rule = p.get("Rule").deepCopy();
        if (!rule.path("Name").isTextual()) {
            rule.put("Name", defaultName);
        }
        return ReceiptRule.read(rule);
    }
}
