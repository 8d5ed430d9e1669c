package dev.miniats.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.local.aws.Json;
import dev.miniats.local.lambda.FunctionUrlStore.FunctionUrl;
import dev.miniats.local.lambda.LambdaShapes.Cors;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Serves function URLs ({@code /_lambda-url/<url-id>/<path>}): each HTTP request becomes Lambda's
 * payload format 2.0 event, and the function's answer becomes the HTTP response as Lambda maps it
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html): an object with
 * {@code statusCode} gives the status, {@code headers}, {@code cookies} ({@code Set-Cookie}),
 * {@code body} and {@code isBase64Encoded}; any other JSON is a 200 {@code application/json} body
 * (a JSON string unquoted). {@code AWS_IAM} URLs refuse unsigned requests with Lambda's 403; the
 * signature itself is not verified, as nowhere else in mini-ats. A user function's {@code NONE} URL needs
 * a resource policy statement that makes it public, enforced or recorded as IAM is. Thread-safe.
 */
final class FunctionUrlEndpoint {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FunctionUrlEndpoint.class);
    /** Our header on a record-mode answer that AWS would have refused with 403, saying why. */
    static final String WOULD_REFUSE = "X-Ats-Iam-Would-Refuse";
    private final FunctionUrls urls;
    private final FunctionRegistry functions;

    FunctionUrlEndpoint(FunctionUrls urls, FunctionRegistry functions) {
        this.urls = urls;
        this.functions = functions;
    }

    /** The event's {@code requestContext.http}. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Http(String method, String path, String protocol, String sourceIp, String userAgent) {
    }

    /** The event's {@code requestContext}. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record RequestContext(String accountId, String apiId, Map<String, Object> authorizer, String domainName, String domainPrefix,
                          Http http, String requestId, String routeKey, String stage, String time, long timeEpoch) {
    }

    /** Lambda's payload format 2.0 event for a function URL. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Event(String version, String routeKey, String rawPath, String rawQueryString, List<String> cookies,
                 Map<String, String> headers, Map<String, String> queryStringParameters, RequestContext requestContext, String body,
                 @com.fasterxml.jackson.annotation.JsonProperty("isBase64Encoded") boolean isBase64Encoded) {
    }

    /** Lambda's own error answers of a function URL: {@code {"Message": ...}}. */
    record Message(@com.fasterxml.jackson.annotation.JsonProperty("Message") String message) {
    }

    void serve(Context ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.header("x-amzn-RequestId", requestId);
        FunctionUrl url = urls.byId(ctx.pathParam("id")).orElse(null);
        if (url == null || ("AWS_IAM".equals(url.config().authType()) && !signed(ctx))) {
            // Lambda answers a missing URL and an unsigned request to an AWS_IAM one alike
            refuse(ctx, 403, "AccessDeniedException", "Forbidden");
            return;
        }
        if ("NONE".equals(url.config().authType()) && !publiclyInvocable(ctx, url)) {
            refuse(ctx, 403, "AccessDeniedException", "Forbidden");
            return;
        }
        Cors cors = url.config().cors();
        if (cors != null && ctx.header("Origin") != null) {
            cors(ctx, cors);
            if ("OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null) {
                ctx.status(200);
                return;
            }
        }
        byte[] payload;
        try {
            payload = Json.MAPPER.writeValueAsBytes(event(ctx, url, requestId));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a function URL event: " + e.getMessage(), e);
        }
        byte[] output;
        try {
            output = functions.invoke(url.function(), url.qualifier().isEmpty() ? null : url.qualifier(), payload,
                    ctx.header("X-Amzn-Trace-Id"), invocation -> { });
        } catch (FunctionError e) {
            if ("TooManyRequestsException".equals(e.errorType())) {
                refuse(ctx, 429, "TooManyRequestsException", "Rate Exceeded.");
            } else {
                refuse(ctx, 502, null, "Internal Server Error");
            }
            return;
        }
        respond(ctx, output == null ? new byte[0] : output);
    }

    /**
     * Whether the resource-based policy lets everyone call this NONE URL, as AWS requires; in record mode a
     * URL it would refuse is served, with the refusal logged and named in {@link #WOULD_REFUSE}. Built-in
     * functions have no resource policy and are always served.
     */
    private boolean publiclyInvocable(Context ctx, FunctionUrl url) {
        UserFunctions users = functions.userFunctions();
        if (users == null || !users.exists(url.function())) {
            return true;
        }
        String refusal = users.publicUrlRefusal(url.function(), url.qualifier());
        if (refusal == null) {
            return true;
        }
        if (users.enforcesPermissions()) {
            LOG.info("function URL refused (--iam enforce): {}", refusal);
            return false;
        }
        LOG.warn("IAM (record mode) would refuse: {}", refusal);
        ctx.header(WOULD_REFUSE, refusal);
        return true;
    }

    private static boolean signed(Context ctx) {
        String authorization = ctx.header("Authorization");
        return (authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ")) || ctx.queryParam("X-Amz-Signature") != null;
    }

    private static void refuse(Context ctx, int status, String errorType, String message) {
        if (errorType != null) {
            ctx.header("x-amzn-ErrorType", errorType);
        }
        ctx.status(status);
        Json.answer(ctx, LambdaApi.JSON, new Message(message));
    }

    private static void cors(Context ctx, Cors cors) {
        String origin = ctx.header("Origin");
        List<String> origins = cors.allowOrigins() == null ? List.of() : cors.allowOrigins();
        if (!origins.contains("*") && !origins.contains(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origins.contains("*") && !Boolean.TRUE.equals(cors.allowCredentials()) ? "*" : origin);
        if (Boolean.TRUE.equals(cors.allowCredentials())) {
            ctx.header("Access-Control-Allow-Credentials", "true");
        }
        if (cors.exposeHeaders() != null && !cors.exposeHeaders().isEmpty()) {
            ctx.header("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
        }
        if (cors.allowMethods() != null && !cors.allowMethods().isEmpty()) {
            ctx.header("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
        }
        if (cors.allowHeaders() != null && !cors.allowHeaders().isEmpty()) {
            ctx.header("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
        }
        if (cors.maxAge() != null) {
            ctx.header("Access-Control-Max-Age", Integer.toString(cors.maxAge()));
        }
    }

    private Event event(Context ctx, FunctionUrl url, String requestId) {
        String prefix = FunctionUrls.PATH + url.urlId();
        String rawPath = ctx.path().length() > prefix.length() ? ctx.path().substring(prefix.length()) : "/";
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = null;
        for (String name : ctx.req().getHeaderNames() == null ? List.<String>of() : java.util.Collections.list(ctx.req().getHeaderNames())) {
            List<String> values = java.util.Collections.list(ctx.req().getHeaders(name));
            if (name.equalsIgnoreCase("Cookie")) {
                cookies = new ArrayList<>();
                for (String value : values) {
                    for (String cookie : value.split(";\\s*")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie);
                        }
                    }
                }
                continue;
            }
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
        }
        Map<String, String> query = null;
        if (!ctx.queryParamMap().isEmpty()) {
            query = new LinkedHashMap<>();
            for (var e : ctx.queryParamMap().entrySet()) {
                query.put(e.getKey(), String.join(",", e.getValue()));
            }
        }
        String host = ctx.host() == null ? "localhost" : ctx.host().replaceAll(":\\d+$", "");
        long now = System.currentTimeMillis();
        Map<String, Object> authorizer = null;
        if ("AWS_IAM".equals(url.config().authType())) {
            authorizer = Map.of("iam", Map.of("accessKey", accessKey(ctx), "accountId", functions.account()));
        }
        RequestContext context = new RequestContext(functions.account(), url.urlId(), authorizer, host, url.urlId(),
                new Http(ctx.method().name(), rawPath, ctx.protocol(), ctx.ip(), ctx.userAgent()), requestId, "$default", "$default",
                TIME.format(java.time.Instant.ofEpochMilli(now)), now);
        byte[] body = ctx.bodyAsBytes();
        boolean text = isText(ctx.contentType());
        String encoded = body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body);
        return new Event("2.0", "$default", rawPath, ctx.queryString() == null ? "" : ctx.queryString(), cookies, headers, query,
                context, encoded, encoded != null && !text);
    }

    private static String accessKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.contains("Credential=")) {
            return "";
        }
        String credential = authorization.substring(authorization.indexOf("Credential=") + "Credential=".length());
        return credential.substring(0, Math.max(0, credential.indexOf('/')));
    }

    /** Lambda passes text bodies as they are and base64-encodes the rest (forms included). */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.endsWith("/javascript");
    }

    /** Maps the function's answer to the HTTP response as Lambda does. */
    private static void respond(Context ctx, byte[] output) {
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(output);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
            ctx.status(200).contentType(LambdaApi.JSON);
            ctx.result(answer != null && answer.isTextual() ? answer.textValue().getBytes(StandardCharsets.UTF_8) : output);
            return;
        }
        ctx.status(answer.path("statusCode").asInt(200));
        boolean typed = false;
        for (var header : answer.path("headers").properties()) {
            ctx.header(header.getKey(), header.getValue().asText());
            typed |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            ctx.contentType(LambdaApi.JSON);
        }
        for (JsonNode cookie : answer.path("cookies")) {
            ctx.res().addHeader("Set-Cookie", cookie.asText());
        }
        JsonNode body = answer.path("body");
        if (body.isMissingNode() || body.isNull()) {
            ctx.result(new byte[0]);
        } else if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                ctx.result(Base64.getMimeDecoder().decode(body.asText()));
            } catch (IllegalArgumentException e) {
                refuse(ctx, 502, null, "Internal Server Error"); // Lambda's answer to a response it cannot map
            }
        } else {
            ctx.result(body.isTextual() ? body.textValue() : body.toString());
        }
    }
}
