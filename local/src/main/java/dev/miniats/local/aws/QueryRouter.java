package dev.miniats.local.aws;

import io.javalin.http.Context;

import java.util.HashMap;
import java.util.Map;

/**
 * One AWS Query service (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html): a
 * form-encoded {@code POST /} with {@code Action} and {@code Version}, answered in XML
 * ({@code <ActionResponse><ActionResult>…}). Requests reach it by the SigV4 credential scope's
 * service name or, unsigned, by its API version. Thread-safe once registration is over.
 */
public final class QueryRouter {
    /** An action: writes its result elements into {@code answer}. */
    @FunctionalInterface
    public interface Action {
        void apply(QueryParams params, QueryXml answer, AwsRequest call);
    }

    private final String service;
    private final String version;
    private final Map<String, Action> actions = new HashMap<>();

    /**
     * @param service the SigV4 signing name (e.g. {@code ses}, {@code iam})
     * @param version the API version the service's clients send (e.g. {@code 2010-12-01})
     */
    public QueryRouter(String service, String version) {
        this.service = service;
        this.version = version;
    }

    public QueryRouter on(String action, Action handler) {
        if (actions.putIfAbsent(action, handler) != null) {
            throw new IllegalStateException(service + " registers " + action + " twice");
        }
        return this;
    }

    public String service() {
        return service;
    }

    public String version() {
        return version;
    }

    void handle(Context ctx, QueryParams params, AwsRequest call) {
        Protocol.QUERY.mark(ctx, service);
        String name = params.optional("Action");
        if (name == null) {
            throw new AwsException(400, "MissingAction", "The request must contain the parameter Action.");
        }
        Action action = actions.get(name);
        if (action == null) {
            throw new AwsException(400, "InvalidAction", "Could not find operation " + name + " for version " + version);
        }
        QueryXml answer = QueryXml.response(name, QueryXml.namespaceFor(service));
        action.apply(params, answer, call);
        ctx.header("x-amzn-RequestId", call.requestId()).contentType(Protocol.QUERY.contentType()).result(answer.finish(call.requestId()));
    }
}
