package dev.miniats.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.miniats.core.PermanentFailure;
import dev.miniats.core.event.EmailAddress;
import dev.miniats.core.mail.EmailContent;
import dev.miniats.core.mail.EmailMessage;
import dev.miniats.core.mail.MailRejectedException;
import dev.miniats.core.mail.MailUnavailableException;
import dev.miniats.core.mail.MimeEmails;
import dev.miniats.core.mail.RawEmail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SesV2Mailer against a loopback HTTP server that answers like the SES v2 REST API. */
class SesV2MailerTest {
    private HttpServer server;
    private SesV2Mailer mailer;
    private final AtomicReference<JsonNode> request = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String errorType;
    private volatile String body = "{\"MessageId\":\"ses-1\"}";

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/email/outbound-emails", exchange -> {
            request.set(new ObjectMapper().readTree(exchange.getRequestBody()));
            if (errorType != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
            }
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        mailer = new SesV2Mailer(SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static RawEmail email() {
        EmailMessage message = new EmailMessage(EmailAddress.parse("f", "talent@example.com"), "Acme",
                EmailAddress.parse("t", "ada@example.com"), "Ada", new EmailContent("Hi", "text", "<p>html</p>"));
        return new MimeEmails(Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC)).alternative(message);
    }

    @Test
    void the_mime_bytes_go_out_unchanged_as_raw_content_with_the_envelope() {
        RawEmail email = email();

        assertThat(mailer.send(email)).isEqualTo("ses-1");

        JsonNode sent = request.get();
        assertThat(sent.at("/FromEmailAddress").asText()).isEqualTo("talent@example.com");
        assertThat(sent.at("/Destination/ToAddresses/0").asText()).isEqualTo("ada@example.com");
        assertThat(Base64.getDecoder().decode(sent.at("/Content/Raw/Data").asText())).isEqualTo(email.mime());
        assertThat(sent.at("/Content/Simple").isMissingNode()).isTrue();
    }

    @Test
    void throttling_is_retryable() {
        status = 429;
        errorType = "TooManyRequestsException";
        body = "{\"message\":\"slow down\"}";

        assertThatThrownBy(() -> mailer.send(email())).isInstanceOf(MailUnavailableException.class).isNotInstanceOf(PermanentFailure.class);
    }

    @Test
    void a_server_error_is_retryable() {
        status = 503;
        errorType = "InternalFailure";
        body = "{\"message\":\"down\"}";

        assertThatThrownBy(() -> mailer.send(email())).isInstanceOf(MailUnavailableException.class);
    }

    @Test
    void a_rejected_message_is_permanent_with_the_ses_code() {
        status = 400;
        errorType = "MessageRejected";
        body = "{\"message\":\"Email address is not verified.\"}";

        assertThatThrownBy(() -> mailer.send(email())).isInstanceOfSatisfying(MailRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo("MessageRejected");
            assertThat(e).isInstanceOf(PermanentFailure.class).hasMessageContaining("not verified");
        });
    }
}
