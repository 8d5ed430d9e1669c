package dev.miniats.local.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.miniats.local.aws.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A policy document parsed and checked against IAM's policy grammar
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html). An identity
 * policy (inline or managed) names actions and resources and no principal; a trust policy
 * (AssumeRolePolicyDocument) names principals and no resource. Messages are IAM's where IAM has
 * one, followed by what exactly was wrong. Immutable.
 */
record PolicyDocument(String version, List<Statement> statements) {
    /** Which grammar a document follows. */
    enum Kind { IDENTITY, TRUST }

    private static final ObjectReader READER = Json.MAPPER.reader()
            .withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
            "Principal", "NotPrincipal", "Condition");
    /** service:action with wildcards, or * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). */
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]*");
    private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");

    PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Parses {@code text}; {@link IamException#malformedPolicy} saying what is wrong when it breaks the grammar. */
    static PolicyDocument parse(String text, Kind kind) {
        JsonNode root;
        try {
            root = READER.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw IamException.malformedPolicy("This policy contains invalid Json: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw IamException.malformedPolicy("This policy contains invalid Json: expected a JSON object with Version and Statement");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw IamException.malformedPolicy("Syntax errors in policy: unknown field " + name + "; a policy has Version, Id and Statement");
            }
        }
        String version = null;
        if (root.has("Version")) {
            // IAM accepts a document without Version (it is then 2008-10-17), but not another value.
            version = root.get("Version").isTextual() ? root.get("Version").asText() : root.get("Version").toString();
            if (!VERSIONS.contains(version)) {
                throw IamException.malformedPolicy("The policy failed legacy parsing: Version is '" + version
                        + "'; expected 2012-10-17 (or the older 2008-10-17)");
            }
        }
        JsonNode statement = root.get("Statement");
        if (statement == null || statement.isNull()) {
            throw IamException.malformedPolicy("Missing required field Statement");
        }
        List<JsonNode> raw = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(raw::add);
        } else {
            raw.add(statement);
        }
        if (raw.isEmpty()) {
            throw IamException.malformedPolicy("Syntax errors in policy: Statement is an empty list; expected at least one statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            statements.add(statement(raw.get(i), i + 1, kind));
        }
        return new PolicyDocument(version, statements);
    }

    private static Statement statement(JsonNode node, int index, Kind kind) {
        String where = "Statement " + index;
        if (!node.isObject()) {
            throw IamException.malformedPolicy("Syntax errors in policy: " + where + " is " + node.getNodeType().name().toLowerCase()
                    + "; expected an object with Effect, Action and Resource");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                throw IamException.malformedPolicy("Syntax errors in policy: " + where + " has the unknown field " + name
                        + "; expected Sid, Effect, Action/NotAction, Resource/NotResource, Principal/NotPrincipal, Condition");
            }
        }
        String sid = node.has("Sid") ? node.get("Sid").asText() : null;
        if (sid != null && kind == Kind.IDENTITY && !SID.matcher(sid).matches()) {
            throw IamException.malformedPolicy("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular"
                    + " expression [0-9A-Za-z]*: " + where + " has Sid '" + sid + "'");
        }
        JsonNode effect = node.get("Effect");
        if (effect == null) {
            throw IamException.malformedPolicy("Missing required field Effect in " + where);
        }
        if (!effect.isTextual() || !Set.of("Allow", "Deny").contains(effect.asText())) {
            throw IamException.malformedPolicy("Invalid effect: " + effect.asText() + " in " + where + "; expected Allow or Deny");
        }
        Pair actions = oneOf(node, "Action", "NotAction", where, "Policy statement must contain actions.");
        for (String action : actions.values) {
            if (!ACTION.matcher(action).matches()) {
                throw IamException.malformedPolicy("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.: "
                        + where + " has the action '" + action + "'; expected service:Action such as ses:SendEmail, or *");
            }
        }
        Pair resources;
        Map<String, List<String>> principals;
        if (kind == Kind.IDENTITY) {
            if (node.has("Principal") || node.has("NotPrincipal")) {
                throw IamException.malformedPolicy("Policy document should not specify a principal: " + where
                        + " has a Principal, which belongs in a trust or resource policy");
            }
            resources = oneOf(node, "Resource", "NotResource", where, "Policy statement must contain resources.");
            for (String resource : resources.values) {
                if (!resource.equals("*") && !resource.startsWith("arn:")) {
                    throw IamException.malformedPolicy("Resource " + resource + " must be in ARN format or \"*\". (" + where + ")");
                }
            }
            principals = Map.of();
        } else {
            if (node.has("Resource") || node.has("NotResource")) {
                throw IamException.malformedPolicy("Has prohibited field Resource: " + where + " of a trust policy names a resource;"
                        + " the resource is the role itself");
            }
            resources = new Pair(false, List.of());
            principals = principals(node, where);
        }
        return new Statement(sid, effect.asText().equals("Allow"), actions.values, actions.negated, resources.values, resources.negated,
                conditions(node.get("Condition"), where), principals);
    }

    private record Pair(boolean negated, List<String> values) {
    }

    /** Exactly one of {@code field} and {@code notField}, a string or a non-empty list of strings. */
    private static Pair oneOf(JsonNode node, String field, String notField, String where, String missing) {
        if (node.has(field) && node.has(notField)) {
            throw IamException.malformedPolicy("Syntax errors in policy: " + where + " has both " + field + " and " + notField
                    + "; expected one of them");
        }
        if (!node.has(field) && !node.has(notField)) {
            throw IamException.malformedPolicy(missing + " (" + where + " has neither " + field + " nor " + notField + ")");
        }
        boolean negated = node.has(notField);
        String name = negated ? notField : field;
        return new Pair(negated, strings(node.get(name), where + " " + name));
    }

    private static List<String> strings(JsonNode value, String what) {
        List<String> out = new ArrayList<>();
        if (value.isTextual()) {
            out.add(value.asText());
        } else if (value.isArray() && !value.isEmpty()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw IamException.malformedPolicy("Syntax errors in policy: " + what + " holds " + item + "; expected strings");
                }
                out.add(item.asText());
            }
        } else {
            throw IamException.malformedPolicy("Syntax errors in policy: " + what + " is " + value + "; expected a string or a non-empty list of strings");
        }
        return out;
    }

    private static Map<String, List<String>> principals(JsonNode node, String where) {
        if (node.has("NotPrincipal")) {
            throw IamException.malformedPolicy("Syntax errors in policy: " + where + " uses NotPrincipal, which a trust policy cannot use");
        }
        JsonNode principal = node.get("Principal");
        if (principal == null) {
            throw IamException.malformedPolicy("Missing required field Principal in " + where + " of the trust policy");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (principal.isTextual() && principal.asText().equals("*")) {
            out.put("*", List.of("*"));
            return out;
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw IamException.malformedPolicy("Invalid principal in policy: " + where + " has Principal " + principal
                    + "; expected \"*\" or an object such as {\"Service\": \"lambda.amazonaws.com\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = principal.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Set.of("AWS", "Service", "Federated", "CanonicalUser").contains(e.getKey())) {
                throw IamException.malformedPolicy("Invalid principal in policy: " + where + " has principal type " + e.getKey()
                        + "; expected AWS, Service, Federated or CanonicalUser");
            }
            out.put(e.getKey(), strings(e.getValue(), where + " Principal." + e.getKey()));
        }
        return out;
    }

    private static Map<String, Map<String, List<String>>> conditions(JsonNode condition, String where) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        if (condition == null) {
            return out;
        }
        if (!condition.isObject()) {
            throw IamException.malformedPolicy("Syntax errors in policy: " + where + " has Condition " + condition
                    + "; expected an object such as {\"StringEquals\": {\"aws:RequestedRegion\": \"us-east-1\"}}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw IamException.malformedPolicy("Syntax errors in policy: " + where + " Condition." + op.getKey() + " is "
                        + op.getValue() + "; expected an object of condition keys to values");
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = op.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> key = it.next();
                keys.put(key.getKey(), conditionValues(key.getValue(), where + " Condition." + op.getKey() + "." + key.getKey()));
            }
            out.put(op.getKey(), keys);
        }
        return out;
    }

    /** Condition values may be strings, numbers or booleans (they compare as their text). */
    private static List<String> conditionValues(JsonNode value, String what) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (!item.isValueNode() || item.isNull()) {
                throw IamException.malformedPolicy("Syntax errors in policy: " + what + " holds " + item + "; expected strings, numbers or booleans");
            }
            out.add(item.asText());
        }
        return out;
    }
}
