package dev.miniats.local.iam;

import dev.miniats.local.aws.QueryParams;

import java.util.regex.Pattern;

/**
 * IAM's parameter constraints, refused with {@code ValidationError} in the wording of AWS's
 * generated validation ("1 validation error detected: Value ... at 'roleName' failed to satisfy
 * constraint: ...").
 */
final class Validation {
    /** Role, policy and session names (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]+/");
    /** The API's own limit on any policy document parameter. */
    static final int DOCUMENT_MAX_CHARS = 131_072;

    private Validation() {
    }

    static String name(QueryParams p, String parameter, int max) {
        String value = p.required(parameter);
        if (value.isEmpty() || value.length() > max) {
            throw invalid(value, parameter, "Member must have length between 1 and " + max);
        }
        if (!NAME.matcher(value).matches()) {
            throw invalid(value, parameter, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return value;
    }

    static String path(QueryParams p) {
        String value = p.optional("Path");
        if (value == null) {
            return "/";
        }
        if (value.length() > 512 || !PATH.matcher(value).matches()) {
            throw invalid(value, "Path", "Member must begin and end with / and hold printable ASCII only, at most 512 characters");
        }
        return value;
    }

    /** A policy document parameter within the API's length limit and IAM's policy grammar ({@code MalformedPolicyDocument}). */
    static String document(QueryParams p, String parameter, PolicyDocument.Kind kind) {
        String value = p.required(parameter);
        if (value.isEmpty() || value.length() > DOCUMENT_MAX_CHARS) {
            throw invalid(value.length() > 40 ? value.substring(0, 40) + "..." : value, parameter,
                    "Member must have length between 1 and " + DOCUMENT_MAX_CHARS);
        }
        PolicyDocument.parse(value, kind);
        return value;
    }

    static String description(QueryParams p) {
        String value = p.optional("Description");
        if (value != null && value.length() > 1000) {
            throw invalid(value.substring(0, 40) + "...", "Description", "Member must have length less than or equal to 1000");
        }
        return value;
    }

    static int number(QueryParams p, String parameter, int fallback, int min, int max) {
        String raw = p.optional(parameter);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below with the range
        }
        throw invalid(raw, parameter, "Member must be a whole number from " + min + " to " + max);
    }

    private static IamException invalid(String value, String parameter, String constraint) {
        String member = Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
        return IamException.validationError("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
