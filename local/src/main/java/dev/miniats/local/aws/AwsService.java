package dev.miniats.local.aws;

/**
 * A service the runtime speaks (EventBridge, SES, Lambda, …), registering its own routes on the
 * one port, Javalin-plugin style: {@link HttpServer} knows no service by name.
 */
@FunctionalInterface
public interface AwsService {
    void register(AwsRoutes routes);
}
