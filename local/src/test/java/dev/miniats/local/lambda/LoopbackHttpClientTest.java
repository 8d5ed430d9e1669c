package dev.miniats.local.lambda;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.Mailbox;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The SDK clients of the built-in functions call the runtime over {@link LoopbackHttpClient}:
 * never through a proxy the JVM is told about, over one pool closed with the runtime.
 */
class LoopbackHttpClientTest {
    private static final List<String> PROXY_PROPERTIES = List.of("http.proxyHost", "http.proxyPort", "http.nonProxyHosts");

    @TempDir
    Path dataDir;

    @Test
    void a_built_in_functions_mail_goes_to_the_runtime_even_with_a_proxy_set_for_every_host() throws Exception {
        Map<String, String> saved = new HashMap<>();
        PROXY_PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
        try (ServerSocket deadProxy = new ServerSocket(0);
             LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build())) {
            // a proxy that accepts and never answers, for every host, loopback included
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(deadProxy.getLocalPort()));
            System.setProperty("http.nonProxyHosts", "");
            try (SesV2Client proxied = ses(runtime.endpoint(), UrlConnectionHttpClient.builder()
                    .socketTimeout(Duration.ofMillis(300)).connectionTimeout(Duration.ofMillis(300)).build())) {
                assertThatThrownBy(() -> proxied.getAccount(r -> { }))
                        .as("the JVM's proxy settings are in force for a client that reads them")
                        .isInstanceOf(SdkClientException.class);
            }

            HttpResponse<String> put = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(
                    HttpRequest.newBuilder(runtime.endpoint())
                            .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "AWSEvents.PutEvents")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"Entries\":[{\"Source\":\"mini-ats\",\"DetailType\":"
                                    + "\"send-assessment\",\"EventBusName\":\"mini-ats\",\"Detail\":\"{\\\"toEmail\\\":"
                                    + "\\\"ada@example.com\\\",\\\"fromEmail\\\":\\\"talent@example.com\\\",\\\"companyName\\\":\\\"Criteria Corp\\\"}\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.body()).contains("\"FailedEntryCount\":0");

            Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(mailbox.inbox("ada@example.com")).as("send-assessment reached SES past the proxy").hasSize(1));
            assertThat(runtime.eventLog().dead(10)).isEmpty();
        } finally {
            saved.forEach((p, v) -> {
                if (v == null) {
                    System.clearProperty(p);
                } else {
                    System.setProperty(p, v);
                }
            });
        }
    }

    @Test
    void sends_many_calls_and_refuses_once_closed() {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build())) {
            try (LoopbackHttpClient http = new LoopbackHttpClient(8);
                 SesV2Client ses = ses(runtime.endpoint(), http)) {
                for (int i = 0; i < 20; i++) {
                    String to = "grace" + i + "@example.com";
                    assertThat(ses.sendEmail(r -> r.fromEmailAddress("talent@example.com").destination(d -> d.toAddresses(to))
                            .content(c -> c.simple(m -> m.subject(s -> s.data("Hello")).body(b -> b.text(t -> t.data("Hi"))))))
                            .messageId()).isNotBlank();
                }
                http.close();
                assertThat(innermost(catchThrowable(() -> ses.getAccount(r -> { })))).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void warming_up_reaches_the_runtime_and_the_client_refuses_tls_it_never_needs() {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
             LoopbackHttpClient http = new LoopbackHttpClient(8)) {
            http.warmUp(runtime.endpoint());

            URI https = URI.create("https://127.0.0.1:" + runtime.endpoint().getPort());
            try (SesV2Client ses = ses(https, http)) {
                assertThat(innermost(catchThrowable(() -> ses.getAccount(r -> { })))).hasMessageContaining("plain HTTP");
            }
        }
    }

    @Test
    void warming_up_against_a_port_nobody_listens_on_fails_plainly() throws Exception {
        URI gone;
        try (ServerSocket closed = new ServerSocket(0)) {
            gone = URI.create("http://127.0.0.1:" + closed.getLocalPort());
        }
        try (LoopbackHttpClient http = new LoopbackHttpClient(8)) {
            assertThatThrownBy(() -> http.warmUp(gone)).isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void closing_an_unused_client_builds_nothing_and_later_requests_are_refused() {
        LoopbackHttpClient http = new LoopbackHttpClient(8);
        http.close();
        assertThat(http.built()).isFalse();
        try (SesV2Client ses = ses(URI.create("http://127.0.0.1:1"), http)) {
            assertThat(innermost(catchThrowable(() -> ses.getAccount(r -> { }))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        assertThat(http.built()).as("a request after close builds no pool").isFalse();
        assertThatThrownBy(() -> new LoopbackHttpClient(0)).hasMessageContaining("maxConnections is 0");
    }

    /** The SDK may hand the client's exception on as it is or wrapped. */
    private static Throwable innermost(Throwable thrown) {
        assertThat(thrown).as("a request fails").isNotNull();
        Throwable t = thrown;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static SesV2Client ses(URI endpoint, SdkHttpClient http) {
        return SesV2Client.builder().httpClient(http).region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }
}
