package dev.miniats.local.lambda;

/**
 * A function reference as Lambda's API accepts it: a name, a partial ARN
 * ({@code 000000000000:function:name}) or a full ARN, each optionally with {@code :qualifier};
 * a {@code Qualifier} query parameter names the version or alias too.
 */
record FunctionName(String name, String qualifier) {
    static FunctionName parse(String raw, String qualifierParam) {
        String name = raw;
        int function = name.indexOf("function:");
        if (function >= 0) {
            name = name.substring(function + "function:".length());
        }
        String qualifier = null;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            qualifier = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (qualifierParam != null && !qualifierParam.isEmpty()) {
            if (qualifier != null && !qualifier.equals(qualifierParam)) {
                throw LambdaErrors.invalidParameter("The derived qualifier from the function name does not match the specified"
                        + " qualifier.");
            }
            qualifier = qualifierParam;
        }
        return new FunctionName(name, qualifier == null || qualifier.isEmpty() ? null : qualifier);
    }
}
