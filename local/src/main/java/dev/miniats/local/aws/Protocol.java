package dev.miniats.local.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/**
 * The three AWS wire protocols the runtime speaks, each with its own error shape
 * (https://smithy.io/2.0/aws/protocols/index.html). The router that accepts a request marks it
 * with its protocol ({@link #mark}); the one error handler renders by that mark.
 */
public enum Protocol {
    /** {@code POST /} with {@code X-Amz-Target}; errors {@code {"__type", "message"}}. */
    JSON_1_1("application/x-amz-json-1.1"),
    /** Resources under a path; errors carry {@code x-amzn-ErrorType} and {@code {"message"}}. */
    REST_JSON("application/json"),
    /** Form-encoded {@code Action=…&Version=…}; answers and errors in XML. */
    QUERY("text/xml");

    private static final String ATTRIBUTE = "aws.protocol";
    private static final String SERVICE = "aws.service";

    private final String contentType;

    Protocol(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Marks {@code ctx} as a request of this protocol to {@code service} (its signing name, e.g. {@code lambda}). */
    public void mark(Context ctx, String service) {
        ctx.attribute(ATTRIBUTE, this);
        ctx.attribute(SERVICE, service);
    }

    /** The protocol a router marked {@code ctx} with; REST-JSON when none did (the runtime's own API). */
    public static Protocol of(Context ctx) {
        Protocol p = ctx.attribute(ATTRIBUTE);
        return p == null ? REST_JSON : p;
    }

    /** The service a router marked {@code ctx} with, or null. */
    public static String serviceOf(Context ctx) {
        return ctx.attribute(SERVICE);
    }

    /**
     * Renders {@code e} in this protocol's error shape. JSON errors carry the code in header and
     * body so every SDK generation finds it; Lambda's REST errors add {@code Type} (User/Service)
     * as Lambda does; the runtime's own API adds {@code Message} for LocalStack-style clients.
     */
    public void renderError(Context ctx, AwsException e, String requestId) {
        String code = e.code(this);
        ctx.status(e.status()).header("x-amzn-RequestId", requestId);
        if (this == QUERY) {
            ctx.contentType(contentType).result(QueryXml.error(e.status() < 500 ? "Sender" : "Receiver", code, e.getMessage(),
                    requestId, QueryXml.namespaceFor(serviceOf(ctx))));
            return;
        }
        ctx.header("x-amzn-ErrorType", code);
        Json.answer(ctx, contentType, errorBody(e, serviceOf(ctx)));
    }

    /** The JSON error body of {@code e} for a request to {@code service} (null: the runtime's own API); not for Query. */
    ObjectNode errorBody(AwsException e, String service) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("__type", e.code(this));
        body.put("message", e.getMessage());
        if ("lambda".equals(service)) {
            body.put("Type", e.status() >= 500 ? "Service" : "User");
        } else if (service == null) {
            body.put("Message", e.getMessage());
        }
        return body;
    }
}
