package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.aws.Json;
import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryRouter;
import dev.miniats.local.aws.QueryXml;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * SES v1's receipt rule operations over Query (https://docs.aws.amazon.com/ses/latest/APIReference/API_Operations.html):
 * the flattened {@code Rule.Actions.member.1.S3Action.BucketName} parameters are read back into
 * the rule's JSON shape, validated by {@link ReceiptRule}, and a rule is answered as the same shape
 * in XML. Thread-safe: it keeps no state of its own.
 */
final class SesV1Receipts {
    private final ReceiptRules rules;

    SesV1Receipts(ReceiptRules rules) {
        this.rules = rules;
    }

    void registerOn(QueryRouter r) {
        r.on("CreateReceiptRuleSet", (p, x, call) -> rules.createRuleSet(p.required("RuleSetName")));
        r.on("DeleteReceiptRuleSet", (p, x, call) -> rules.deleteRuleSet(p.required("RuleSetName")));
        r.on("CloneReceiptRuleSet", (p, x, call) -> rules.cloneRuleSet(p.required("RuleSetName"), p.required("OriginalRuleSetName")));
        r.on("SetActiveReceiptRuleSet", (p, x, call) -> rules.setActive(p.optional("RuleSetName")));
        r.on("DescribeReceiptRuleSet", (p, x, call) -> ruleSet(x, Optional.of(rules.describe(p.required("RuleSetName")))));
        r.on("DescribeActiveReceiptRuleSet", (p, x, call) -> ruleSet(x, rules.active()));
        r.on("ListReceiptRuleSets", (p, x, call) -> {
            // SES pages by 100 sets; the local runtime answers every set at once, with no NextToken
            x.start("RuleSets");
            rules.list().forEach(s -> metadata(x.start("member"), s).end());
            x.end();
        });
        r.on("CreateReceiptRule", (p, x, call) ->
                rules.createRule(p.required("RuleSetName"), p.optional("After"), ReceiptRule.read(tree(p, "Rule."))));
        r.on("UpdateReceiptRule", (p, x, call) -> rules.updateRule(p.required("RuleSetName"), ReceiptRule.read(tree(p, "Rule."))));
        r.on("DeleteReceiptRule", (p, x, call) -> rules.deleteRule(p.required("RuleSetName"), p.required("RuleName")));
        r.on("DescribeReceiptRule", (p, x, call) ->
                xml(x, "Rule", Json.MAPPER.valueToTree(rules.describeRule(p.required("RuleSetName"), p.required("RuleName")))));
        r.on("ReorderReceiptRuleSet", (p, x, call) -> rules.reorder(p.required("RuleSetName"), p.members("RuleNames")));
        r.on("SetReceiptRulePosition", (p, x, call) ->
                rules.setPosition(p.required("RuleSetName"), p.required("RuleName"), p.optional("After")));
    }

    private static void ruleSet(QueryXml x, Optional<ReceiptRules.RuleSet> set) {
        if (set.isEmpty()) {
            return; // no active set: SES answers an empty result
        }
        metadata(x.start("Metadata"), set.get()).end();
        x.start("Rules");
        set.get().rules().forEach(rule -> xml(x, "member", Json.MAPPER.valueToTree(rule)));
        x.end();
    }

    private static QueryXml metadata(QueryXml x, ReceiptRules.RuleSet set) {
        return x.element("Name", set.name()).element("CreatedTimestamp", Instant.ofEpochMilli(set.createdAt()).toString());
    }

    /** A JSON value as Query XML: objects as elements, arrays as {@code member}s. */
    private static void xml(QueryXml x, String name, JsonNode value) {
        if (value.isObject()) {
            x.start(name);
            value.fields().forEachRemaining(f -> xml(x, f.getKey(), f.getValue()));
            x.end();
        } else if (value.isArray()) {
            x.start(name);
            value.forEach(v -> xml(x, "member", v));
            x.end();
        } else if (!value.isNull()) {
            x.element(name, value.asText());
        }
    }

    /** The parameters under {@code prefix} as JSON: {@code a.member.2.b=v} is {@code {"a":[…, {"b":"v"}]}}. */
    static ObjectNode tree(QueryParams p, String prefix) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, String> e : p.values().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                put(root, e.getKey().substring(prefix.length()).split("\\."), 0, e.getValue(), e.getKey());
            }
        }
        return root;
    }

    /** Puts {@code value} at {@code parts[i..]} below {@code node}, making the objects and arrays on the way. */
    private static void put(ObjectNode node, String[] parts, int i, String value, String key) {
        String name = parts[i];
        if (i + 2 < parts.length && parts[i + 1].equals("member")) {
            ArrayNode array = node.path(name).isArray() ? (ArrayNode) node.get(name) : node.putArray(name);
            int index = index(parts[i + 2], key);
            while (array.size() < index) {
                array.addNull();
            }
            if (i + 3 == parts.length) {
                array.set(index - 1, value);
            } else {
                if (!array.get(index - 1).isObject()) {
                    array.set(index - 1, Json.MAPPER.createObjectNode());
                }
                put((ObjectNode) array.get(index - 1), parts, i + 3, value, key);
            }
        } else if (i + 1 == parts.length) {
            node.put(name, value);
        } else {
            put(node.path(name).isObject() ? (ObjectNode) node.get(name) : node.putObject(name), parts, i + 1, value, key);
        }
    }

    private static int index(String value, String key) {
        try {
            int i = Integer.parseInt(value);
            if (i >= 1 && i <= 1000) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ReceiptRuleException.invalid("Parameter " + key + " has member index '" + value + "'; expected 1 to 1000");
    }
}
