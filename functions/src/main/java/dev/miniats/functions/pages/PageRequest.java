package dev.miniats.functions.pages;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to the candidate pages, read from the Lambda function URL / API Gateway HTTP
 * API payload format 2.0 (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html):
 * {@code rawPath}, {@code rawQueryString}, {@code cookies}, {@code headers},
 * {@code requestContext.http.method}, {@code body} (maybe base64). Only the first value of a
 * repeated parameter counts. Immutable.
 *
 * @param method  upper case, e.g. {@code POST}
 * @param path    split into decoded segments, e.g. {@code [candidate, offer-accept, ada@example.com]}
 * @param query   decoded query parameters
 * @param form    decoded {@code application/x-www-form-urlencoded} body fields (POST)
 * @param cookies the request's cookies by name
 */
public record PageRequest(String method, List<String> path, Map<String, String> query, Map<String, String> form,
                          Map<String, String> cookies) {
    /** Far above any form the pages show (a name, an address, three answers, two tokens); larger bodies are refused. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    public PageRequest {
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
        query = Map.copyOf(query);
        form = Map.copyOf(form);
        cookies = Map.copyOf(cookies);
    }

    /**
     * Reads a payload-2.0 event.
     *
     * @throws PageRequestException when the event is not such a payload or its body is too large or not a form
     */
    public static PageRequest fromHttpEvent(JsonNode event) {
        String method = event.at("/requestContext/http/method").asText("");
        String rawPath = event.path("rawPath").asText("");
        if (method.isEmpty() || !rawPath.startsWith("/")) {
            throw new PageRequestException(400, "requestContext.http.method and rawPath are required (payload format 2.0)");
        }
        Map<String, String> cookies = new HashMap<>();
        for (JsonNode cookie : event.path("cookies")) {
            String text = cookie.asText();
            int eq = text.indexOf('=');
            if (eq > 0) {
                cookies.putIfAbsent(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
            }
        }
        String body = event.path("body").asText("");
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new PageRequestException(400, "body is marked isBase64Encoded but is not base64");
            }
        }
        if (body.length() > MAX_BODY_BYTES) {
            throw new PageRequestException(413, "the body has " + body.length() + " characters; expected at most " + MAX_BODY_BYTES);
        }
        return new PageRequest(method.toUpperCase(Locale.ROOT), segments(rawPath),
                parameters(event.path("rawQueryString").asText("")), parameters(body), cookies);
    }

    /** The decoded path segments; a {@code +} in a path is a plus, not a space (only query strings encode spaces so). */
    static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.substring(1).split("/", -1))
                .map(segment -> decode(segment.replace("+", "%2B"))).toList();
    }

    static Map<String, String> parameters(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            values.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PageRequestException(400, "'" + text.substring(0, Math.min(text.length(), 40)) + "' is not URL-encoded correctly");
        }
    }

    public String query(String name) {
        return query.get(name);
    }

    public String form(String name) {
        return form.get(name);
    }

    public String cookie(String name) {
        return cookies.get(name);
    }
}
