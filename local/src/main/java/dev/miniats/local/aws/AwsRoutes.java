package dev.miniats.local.aws;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service registers on the runtime's port: a JSON 1.1 router (by {@code X-Amz-Target}
 * prefix), a Query router (by signing name and API version), REST-JSON routes under a path, and
 * plain HTTP routes for the runtime's own APIs and pages. Used only while the server is built.
 */
public final class AwsRoutes {
    private final RoutesConfig http;
    final List<JsonRouter> json = new ArrayList<>();
    final Map<String, QueryRouter> query = new LinkedHashMap<>();
    /** Signing names of the REST services registered, for the answer to a path none serves. */
    final Set<String> rest = new TreeSet<>();

    AwsRoutes(RoutesConfig http) {
        this.http = http;
    }

    public AwsRoutes json(JsonRouter router) {
        json.add(router);
        return this;
    }

    public AwsRoutes query(QueryRouter router) {
        if (query.putIfAbsent(router.service(), router) != null) {
            throw new IllegalStateException("two Query routers for " + router.service());
        }
        return this;
    }

    /** REST-JSON routes of {@code service} (its signing name): errors render in its REST shape. */
    public Rest rest(String service) {
        rest.add(service);
        return new Rest(service);
    }

    /** Plain routes (the runtime's own API, the console, LocalStack-compatible endpoints). */
    public RoutesConfig http() {
        return http;
    }

    /** REST-JSON routes of one service. */
    public final class Rest {
        private final String service;

        private Rest(String service) {
            this.service = service;
        }

        private Handler marked(Handler handler) {
            return ctx -> {
                Protocol.REST_JSON.mark(ctx, service);
                handler.handle(ctx);
            };
        }

        public Rest get(String path, Handler handler) {
            http.get(path, marked(handler));
            return this;
        }

        public Rest post(String path, Handler handler) {
            http.post(path, marked(handler));
            return this;
        }

        public Rest put(String path, Handler handler) {
            http.put(path, marked(handler));
            return this;
        }

        public Rest delete(String path, Handler handler) {
            http.delete(path, marked(handler));
            return this;
        }
    }
}
