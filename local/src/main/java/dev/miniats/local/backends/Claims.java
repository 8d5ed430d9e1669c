package dev.miniats.local.backends;

import dev.miniats.local.aws.AwsRoutes;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.function.Predicate;

/**
 * Claiming requests before the runtime's own routing: a backend answers every request that was
 * signed for it (or carries its target prefix), whatever its path, and the runtime's routes never
 * see it. Requests it does not claim go on untouched.
 */
public final class Claims {
    private Claims() {
    }

    public static void register(AwsRoutes routes, Predicate<Context> claims, Handler handler) {
        routes.http().before(ctx -> {
            if (claims.test(ctx)) {
                ctx.skipRemainingHandlers();
                handler.handle(ctx);
            }
        });
    }
}
