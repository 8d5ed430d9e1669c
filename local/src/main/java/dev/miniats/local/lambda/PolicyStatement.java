package dev.miniats.local.lambda;

import java.util.List;
import java.util.Map;

/**
 * One statement of a function's resource-based policy, as Lambda writes it for add-permission
 * (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html):
 * {@code Principal} is {@code {"Service": "events.amazonaws.com"}} or {@code {"AWS": "<arn>"}},
 * {@code Condition} carries {@code ArnLike AWS:SourceArn} and {@code StringEquals AWS:SourceAccount}.
 */
public record PolicyStatement(String sid, String effect, Map<String, String> principal, String action, String resource,
                              Map<String, Map<String, String>> condition) {
    static final String SOURCE_ARN = "AWS:SourceArn";
    static final String URL_AUTH_TYPE = "lambda:FunctionUrlAuthType";

    public PolicyStatement {
        principal = Map.copyOf(principal);
        condition = condition == null || condition.isEmpty() ? null : Map.copyOf(condition);
    }

    /** Whether this statement lets {@code service} invoke the function on behalf of {@code sourceArn}. */
    boolean allowsInvoke(String service, String sourceArn) {
        if (!"Allow".equals(effect) || !service.equals(principal.get("Service"))) {
            return false;
        }
        if (!List.of("lambda:InvokeFunction", "lambda:*", "*").contains(action)) {
            return false;
        }
        String pattern = condition == null || condition.get("ArnLike") == null ? null : condition.get("ArnLike").get(SOURCE_ARN);
        return pattern == null || arnLike(pattern, sourceArn);
    }

    /**
     * Whether this statement makes the function URL of {@code resourceArn} public, as an {@code AuthType NONE}
     * URL needs (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html#urls-auth-none): Allow
     * {@code lambda:InvokeFunctionUrl} to everyone ({@code *}), with {@code lambda:FunctionUrlAuthType} NONE
     * when the statement names an auth type.
     */
    boolean allowsPublicUrl(String resourceArn) {
        if (!"Allow".equals(effect) || !"*".equals(principal.get("AWS")) || !resourceArn.equals(resource)) {
            return false;
        }
        if (!List.of("lambda:InvokeFunctionUrl", "lambda:*", "*").contains(action)) {
            return false;
        }
        String authType = condition == null || condition.get("StringEquals") == null ? null
                : condition.get("StringEquals").get(URL_AUTH_TYPE);
        return authType == null || "NONE".equals(authType);
    }

    /** IAM's ArnLike: {@code *} and {@code ?} wildcards, everything else literal. */
    static boolean arnLike(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value != null && value.matches(regex.toString());
    }

    /** A whole policy document as get-policy answers it. */
    record Document(String version, String id, List<PolicyStatement> statement) {
        static Document of(List<PolicyStatement> statements) {
            return new Document("2012-10-17", "default", List.copyOf(statements));
        }
    }
}
