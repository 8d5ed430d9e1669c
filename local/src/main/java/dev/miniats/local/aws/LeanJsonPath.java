package dev.miniats.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Serves the JSON 1.1 operations a router marked {@linkplain JsonRouter#lean lean} straight from
 * Jetty, ahead of the web framework: a 10-entry PutEvents spent about as much CPU in Javalin's
 * servlet, path matching, before-handlers (backend claims, SES spans), compression wrapper and
 * session handler as in the bus (issue 15). The answer is what {@link JsonRouter#handle} writes
 * for the same request: the operation's typed answer, or the error in the JSON 1.1 shape.
 *
 * <p>Only requests nothing else could claim take this path: {@code POST /} with no query, a
 * known length, unsigned or signed for the router's own service, and a Host that names no
 * virtual-hosted S3 bucket (an IP literal or {@code localhost}). Everything else goes on to
 * the framework unchanged. Thread-safe once built.
 */
final class LeanJsonPath extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(LeanJsonPath.class);

    private final Map<String, JsonRouter> routers;
    private final String region;
    private final TimeOrderedIds requestIds = new TimeOrderedIds();

    /** @param routers each lean operation's full {@code X-Amz-Target} and the router serving it */
    LeanJsonPath(Map<String, JsonRouter> routers, String region) {
        this.routers = Map.copyOf(routers);
        this.region = region;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        AwsRequest.Scope scope = AwsRequest.Scope.of(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        JsonRouter router = routerFor(request, scope);
        if (router == null) {
            return super.handle(request, response, callback);
        }
        String target = request.getHeaders().get("X-Amz-Target");
        String requestId = requestIds.next(System.currentTimeMillis());
        AwsRequest call = AwsRequest.of(scope, request.getHeaders().get("X-Amzn-Trace-Id"), requestId, region);
        int status = 200;
        byte[] body;
        try {
            Object answer = router.answer(target, Content.Source.asByteBuffer(request), call);
            body = Json.MAPPER.writeValueAsBytes(answer);
        } catch (AwsException e) {
            status = e.status();
            body = error(response, e, router.service());
        } catch (RuntimeException | IOException e) {
            LOG.error("POST / {} failed", target, e);
            AwsException internal = new AwsException(500, "InternalFailure", "The request processing has failed because of an unknown error.");
            status = internal.status();
            body = error(response, internal, router.service());
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Protocol.JSON_1_1.contentType());
        response.getHeaders().put("x-amzn-RequestId", requestId);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static byte[] error(Response response, AwsException e, String service) throws JsonProcessingException {
        response.getHeaders().put("x-amzn-ErrorType", e.code(Protocol.JSON_1_1));
        return Json.MAPPER.writeValueAsBytes(Protocol.JSON_1_1.errorBody(e, service));
    }

    /**
     * The router serving this request on the lean path, or null when the framework must see it.
     * {@code scope}: the request's credential scope, null when unsigned.
     */
    private JsonRouter routerFor(Request request, AwsRequest.Scope scope) {
        if (!HttpMethod.POST.is(request.getMethod()) || routers.isEmpty()) {
            return null;
        }
        String target = request.getHeaders().get("X-Amz-Target");
        JsonRouter router = target == null ? null : routers.get(target);
        if (router == null || !"/".equals(request.getHttpURI().getPath()) || request.getHttpURI().getQuery() != null
                || request.getLength() < 0 || request.getLength() > HttpServer.MAX_REQUEST_BYTES || !plainHost(request)) {
            return null;
        }
        return scope == null || scope.service().equals(router.service()) ? router : null;
    }

    /** True for an IP literal (v4 or v6) or {@code localhost}: no S3 virtual host. */
    static boolean plainHost(Request request) {
        String host = Request.getServerName(request);
        return host != null && (host.equalsIgnoreCase("localhost") || host.indexOf(':') >= 0 || isIpv4(host));
    }

    private static boolean isIpv4(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
