package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Lambda handler written like the workshop's (Node.js, {@code @aws-sdk/client-ses},
 * {@code SendEmailCommand}), unchanged apart from {@code AWS_ENDPOINT_URL}. The SDK is installed
 * from npm into {@code target/node-ses} on first run.
 */
@Tag("e2e")
class SesJavaScriptSdkTest {
    private static final Path NODE_DIR = Path.of("target", "node-ses").toAbsolutePath();

    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        installSdk();
        for (String script : new String[]{"send-assessment.mjs", "invoke.mjs"}) {
            try (InputStream in = SesJavaScriptSdkTest.class.getResourceAsStream("/node-ses/" + script)) {
                Files.copy(in, NODE_DIR.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().sesSandbox(true).build());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void the_workshop_style_node_handler_sends_through_ses_v1_to_the_inbox() throws Exception {
        SesHttp.query(runtime.endpoint(), "Action=VerifyDomainIdentity&Domain=criteriacorp.example");

        JsonNode result = invoke("{\"toEmail\":\"node@criteriacorp.example\",\"fromEmail\":\"talent@criteriacorp.example\","
                + "\"companyName\":\"Criteria Corp Testing\"}");

        assertThat(result.get("statusCode").asInt()).isEqualTo(200);
        String messageId = SesHttp.JSON.readTree(result.get("body").asText()).get("messageId").asText();
        MimeMessage received = Mailbox.await(runtime.imapPort(), "node@criteriacorp.example", 1).get(0);
        assertThat(received.getSubject()).isEqualTo("Your assessment from Criteria Corp Testing");
        assertThat(((MimeMultipart) received.getContent()).getBodyPart(1).getContent().toString()).contains("<b>Criteria Corp Testing</b>");
        assertThat(SesHttp.getJson(runtime.endpoint(), "/_aws/ses?id=" + messageId).get("messages")).hasSize(1);
    }

    @Test
    void the_node_sdk_sees_a_sandbox_rejection_as_ses_s_message_rejected_error() throws Exception {
        JsonNode result = invoke("{\"toEmail\":\"someone@unverified.example\",\"fromEmail\":\"talent@unverified.example\","
                + "\"companyName\":\"Nobody\"}");

        assertThat(result.get("error").asText()).isEqualTo("MessageRejected");
        assertThat(result.get("status").asInt()).isEqualTo(400);
        assertThat(result.get("message").asText()).contains("Email address is not verified");
    }

    private static JsonNode invoke(String event) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "invoke.mjs", event).directory(NODE_DIR.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", runtime.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", dataDir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dataDir.resolve("no-aws-credentials").toString());
        Path err = Files.createTempFile(dataDir, "node", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("node printed nothing; stderr: %s", Files.readString(err)).isNotBlank();
        return SesHttp.JSON.readTree(out);
    }

    /** npm install once; later runs reuse target/node-ses. */
    private static void installSdk() throws IOException, InterruptedException {
        if (Files.isDirectory(NODE_DIR.resolve("node_modules/@aws-sdk/client-ses"))) {
            return;
        }
        Files.createDirectories(NODE_DIR);
        Path log = NODE_DIR.resolve("npm-install.log");
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", NODE_DIR.toString(), "@aws-sdk/client-ses")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install finished").isTrue();
        assertThat(npm.exitValue()).as("npm install failed: %s", Files.readString(log)).isZero();
    }
}
