package dev.miniats.local.backends;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one JDK HTTP client the runtime reaches its embedded backends with (S3, SQS, DynamoDB on
 * loopback), built on first use. Building a JDK client initialises TLS even for plain HTTP
 * ({@code SSLContext.getDefault()}: the trust store and ~180 classes), a tenth of a start that may
 * never call a backend. HTTP/1.1 because the backends speak nothing else (no h2c upgrade attempt).
 * Thread-safe: the JDK client is, and the holder class is initialised once by the JVM.
 */
public final class LoopbackHttp {
    private LoopbackHttp() {
    }

    public static HttpClient client() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
