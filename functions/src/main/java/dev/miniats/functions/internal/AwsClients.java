package dev.miniats.functions.internal;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Map;

/**
 * SDK clients and settings as the functions read them from their environment variables: the
 * URL-connection HTTP client (the smallest, fastest to start on Lambda), {@code AWS_REGION} when
 * set, and an endpoint override when the function's own variable names one (else the SDK's
 * defaults, which honour {@code AWS_ENDPOINT_URL*}). Stateless and thread-safe.
 */
public final class AwsClients {
    private AwsClients() {
    }

    /** {@code builder} configured from {@code env}; {@code endpointVariable} names the variable that may override the endpoint. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder, Map<String, String> env,
                                                                                                 String endpointVariable) {
        builder.httpClient(UrlConnectionHttpClient.create());
        if (present(env.get("AWS_REGION"))) {
            builder.region(Region.of(env.get("AWS_REGION").strip()));
        }
        if (present(env.get(endpointVariable))) {
            builder.endpointOverride(URI.create(env.get(endpointVariable).strip()));
        }
        return builder;
    }

    /** The value of {@code name}, stripped. */
    public static String required(Map<String, String> env, String name, String expected) {
        String value = env.get(name);
        if (!present(value)) {
            throw new IllegalStateException(name + " is not set; expected " + expected);
        }
        return value.strip();
    }

    /** The value of {@code name}, stripped, or {@code otherwise} when it is not set. */
    public static String optional(Map<String, String> env, String name, String otherwise) {
        return present(env.get(name)) ? env.get(name).strip() : otherwise;
    }

    public static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
