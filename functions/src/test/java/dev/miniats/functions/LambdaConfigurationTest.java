package dev.miniats.functions;

import com.sun.net.httpserver.HttpServer;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import dev.miniats.functions.internal.Dynalite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.miniats.functions.Invocations.envelope;
import static dev.miniats.functions.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functions configured only by the environment variables the CDK stack sets, against real
 * DynamoDB tables (dynalite) and a loopback SES v2 endpoint: the state is in the tables, so
 * separate cold starts still send one invite per interview.
 */
class LambdaConfigurationTest {
    private static Dynalite dynalite;
    private static HttpServer ses;
    private static final AtomicInteger SES_CALLS = new AtomicInteger();
    private static String idempotencyTable;
    private static String pipelineTable;
    private static String rosterTable;

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.start();
        idempotencyTable = dynalite.createTable("id", null);
        pipelineTable = dynalite.createTable("candidateId", "eventId");
        rosterTable = dynalite.createTable("rosterId", "candidateId");
        ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ses.createContext("/v2/email/outbound-emails", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"MessageId\":\"ses-" + SES_CALLS.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ses.start();
        // The SDK's default credentials chain reads these; Lambda provides real ones.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        ses.stop(0);
        dynalite.close();
    }

    private static Map<String, String> variables() {
        return Map.of("AWS_REGION", "us-east-1",
                "MINI_ATS_SES_ENDPOINT", "http://127.0.0.1:" + ses.getAddress().getPort(),
                "MINI_ATS_DYNAMODB_ENDPOINT", dynalite.endpoint().toString(),
                FunctionEnvironment.IDEMPOTENCY_TABLE, idempotencyTable,
                FunctionEnvironment.PIPELINE_TABLE, pipelineTable,
                FunctionEnvironment.ROSTER_TABLE, rosterTable);
    }

    @Test
    void two_cold_starts_send_one_invite_and_record_the_pipeline_in_dynamodb() throws Exception {
        String detail = """
                {"toEmail":"ada@example.com","fromEmail":"talent@example.com","companyName":"Acme","candidateId":"cand-1",
                 "interview":{"interviewId":"int-1","start":"2026-12-01T15:00:00Z"}}""";

        invoke((HiringHandler) HiringFunction.SCHEDULE_INTERVIEW.create(FunctionEnvironment.fromVariables(variables())),
                envelope("e-1", "schedule-interview", detail));
        var second = invoke((HiringHandler) HiringFunction.SCHEDULE_INTERVIEW.create(FunctionEnvironment.fromVariables(variables())),
                envelope("e-2", "schedule-interview", detail));
        FunctionEnvironment pipelineFunction = FunctionEnvironment.fromVariables(variables());
        invoke((HiringHandler) HiringFunction.RECORD_PIPELINE.create(pipelineFunction), envelope("e-1", "schedule-interview", detail));

        assertThat(SES_CALLS).hasValue(1);
        assertThat(second.get("replayed").asBoolean()).isTrue();
        assertThat(second.get("messageId").asText()).isEqualTo("ses-1");
        assertThat(pipelineFunction.stores().pipeline().history("cand-1")).extracting(StageChange::stage)
                .containsExactly(Stage.INTERVIEW_SCHEDULED);
    }
}
