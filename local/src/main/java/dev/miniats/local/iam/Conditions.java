package dev.miniats.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A statement's Condition block against the request context
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * The block holds when every operator/key pair holds. A pair is decided only when this runtime
 * knows the key's value for every request ({@code context}, keys lower-cased) and the operator is
 * one of the String, Arn, Bool or Null operators (with {@code IfExists}); anything else (other
 * keys such as {@code ses:FromAddress}, Numeric/Date/IpAddress operators, {@code ForAnyValue:}
 * sets, policy variables) is not evaluated, and the block is then neither true nor false.
 * Stateless.
 */
final class Conditions {
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
            "Bool", "Null");

    private Conditions() {
    }

    /** {@code holds} is meaningful only when {@code unevaluated} is empty. */
    record Result(boolean holds, Set<String> unevaluated) {
        Result {
            unevaluated = Set.copyOf(unevaluated);
        }
    }

    static Result evaluate(Map<String, Map<String, List<String>>> block, Map<String, String> context) {
        Set<String> unevaluated = new TreeSet<>();
        for (Map.Entry<String, Map<String, List<String>>> op : block.entrySet()) {
            String operator = op.getKey().endsWith("IfExists") ? op.getKey().substring(0, op.getKey().length() - "IfExists".length()) : op.getKey();
            for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
                String actual = context.get(key.getKey().toLowerCase(Locale.ROOT));
                boolean decidable = OPERATORS.contains(operator) && actual != null
                        && key.getValue().stream().noneMatch(v -> v.contains("${"));
                if (!decidable) {
                    unevaluated.add(key.getKey());
                } else if (!holds(operator, actual, key.getValue())) {
                    return new Result(false, Set.of());
                }
            }
        }
        return new Result(unevaluated.isEmpty(), unevaluated);
    }

    private static boolean holds(String operator, String actual, List<String> expected) {
        return switch (operator) {
            case "StringEquals" -> expected.contains(actual);
            case "StringNotEquals" -> !expected.contains(actual);
            case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(actual::equalsIgnoreCase);
            case "StringNotEqualsIgnoreCase" -> expected.stream().noneMatch(actual::equalsIgnoreCase);
            case "StringLike", "ArnEquals", "ArnLike" -> expected.stream().anyMatch(e -> Glob.matches(e, actual, false));
            case "StringNotLike", "ArnNotEquals", "ArnNotLike" -> expected.stream().noneMatch(e -> Glob.matches(e, actual, false));
            case "Bool" -> expected.stream().anyMatch(actual::equalsIgnoreCase);
            // every key this runtime evaluates is present in every request
            case "Null" -> expected.stream().anyMatch("false"::equalsIgnoreCase);
            default -> throw new IllegalStateException("operator " + operator + " passed the decidable check");
        };
    }
}
