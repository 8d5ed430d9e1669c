package dev.miniats.local.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Query protocol request's parameters ({@code Action=…&Version=…&Name.member.1=…}), decoded
 * once. Missing required parameters are the protocol's {@code MissingParameter}; a malformed
 * escape is {@code MalformedQueryString}. Immutable.
 */
public record QueryParams(Map<String, String> values) {
    public QueryParams {
        values = Map.copyOf(values);
    }

    /** Decodes a form body {@code a=1&b=2}. */
    public static QueryParams parse(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return new QueryParams(out);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, "MalformedQueryString", "The request body is not valid form encoding: " + e.getMessage());
            }
        }
        return new QueryParams(out);
    }

    public String optional(String name) {
        return values.get(name);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new AwsException(400, "MissingParameter", "The request must contain the parameter " + name + ".");
        }
        return value;
    }

    /** The list {@code prefix.member.1}, {@code prefix.member.2}, … in order. */
    public List<String> members(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; values.containsKey(prefix + ".member." + i); i++) {
            out.add(values.get(prefix + ".member." + i));
        }
        return out;
    }
}
