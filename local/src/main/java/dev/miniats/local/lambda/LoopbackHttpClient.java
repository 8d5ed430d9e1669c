package dev.miniats.local.lambda;

import dev.miniats.functions.FunctionEnvironment;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.apache5.ProxyConfiguration;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP client of the SDK clients that the built-in functions and the candidate pages use to
 * call this runtime's own endpoint (SES, the Scheduler, PutEvents): the SDK's Apache 5 client,
 * one pool of keep-alive connections shared by them all, built on first use and closed with the
 * runtime.
 *
 * <p>Not the URL-connection client the functions use on Lambda (smallest, fastest to start):
 * before each POST with a fixed-length body on a connection it kept alive, the JDK's
 * {@code HttpURLConnection} reads that connection with a 1 ms timeout to see whether the server
 * closed it ({@code sun.net.www.http.HttpClient.available()}), so every SES call waited 1 ms
 * doing nothing. Apache 5 makes that check only on a connection idle for more than 2 s (its
 * default; the SDK's builder does not expose it), so one event after a pause still pays it once,
 * and a burst never does. Measured 2026-12-04 on one keep-alive connection, SDK {@code SendEmail}
 * of a 10 KB raw mail to this runtime, warm: 2.0 ms per call through URL-connection, 0.8 ms
 * through this client, the calling thread's CPU 0.36-0.40 against 0.30 ms. On Lambda that 1 ms
 * is lost among SES's tens of milliseconds; here it was a tenth of event → mailbox.
 *
 * <p>Thread-safe.
 */
public final class LoopbackHttpClient implements SdkHttpClient {
    private final int maxConnections;
    private volatile SdkHttpClient client;
    private boolean closed; // guarded by this

    /**
     * A pool of at most {@code maxConnections}: each call holds one connection while it runs, so
     * the most calls that can run at once (every built-in function at its concurrency, and the
     * candidate pages) never wait for one.
     */
    public LoopbackHttpClient(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections is " + maxConnections + "; expected at least 1");
        }
        this.maxConnections = maxConnections;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpClient built = client;
        return (built != null ? built : build()).prepareRequest(request);
    }

    private synchronized SdkHttpClient build() {
        if (closed) {
            throw new IllegalStateException("the runtime is stopping: its loopback HTTP client is closed");
        }
        if (client == null) {
            client = Apache5HttpClient.builder()
                    .maxConnections(maxConnections)
                    // the runtime serves plain HTTP: no TLS context to build (the default one reads the
                    // JDK's trust store, ~100 ms of a first call)
                    .tlsSocketStrategy((socket, target, port, attachment, context) -> {
                        throw new SSLException("the runtime's own endpoint is plain HTTP; no TLS to " + target + ":" + port);
                    })
                    .connectionMaxIdleTime(Duration.ofSeconds(30))
                    // loopback never goes through a proxy, whatever HTTP_PROXY or http.proxyHost say
                    .proxyConfiguration(ProxyConfiguration.builder().useSystemPropertyValues(false)
                            .useEnvironmentVariableValues(false).build())
                    .build();
        }
        return client;
    }

    /**
     * Builds the pool and opens its first connection with one SES {@code GetAccount} to
     * {@code endpoint} through the SDK, so the first event's SES call finds the pool, the
     * connection and the SDK's request path (signing, endpoint rules, the JSON protocol) ready:
     * the first mail after a start otherwise waits for them. The runtime calls it after its start,
     * in the background. Reads nothing it keeps and changes nothing.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the runtime does not answer
     */
    public void warmUp(URI endpoint) {
        try (SesV2Client ses = FunctionEnvironment.localClient(SesV2Client.builder(), endpoint, this).build()) {
            ses.getAccount(r -> { });
        }
    }

    /** Whether a request (or {@link #warmUp}) built the pool. */
    boolean built() {
        return client != null;
    }

    @Override
    public String clientName() {
        return "Apache5";
    }

    /** Closes the connection pool, if a request ever built it; a request after this fails. */
    @Override
    public void close() {
        SdkHttpClient built;
        synchronized (this) {
            closed = true;
            built = client;
        }
        if (built != null) {
            built.close();
        }
    }
}
