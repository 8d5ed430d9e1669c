package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.iam.CliRuntime;
import dev.miniats.local.lambda.UserFunctionsHttp;
import dev.miniats.local.lambda.Zips;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SES email receiving with the real AWS CLI: rule sets made with {@code aws ses}, mail sent over
 * SMTP (Jakarta Mail) to the runtime's mail server, the raw mail read back with {@code aws s3api},
 * and the SES event a Node.js 20 function was invoked with read from what it recorded.
 */
@Tag("e2e")
class SesReceivingCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:";

    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();
    static Path recorded;

    @BeforeAll
    static void functions() throws Exception {
        recorded = ats.dataDir().resolve("recorded.jsonl");
        String roleArn = ats.aws().ok("iam", "create-role", "--role-name", "ses-receiver", "--assume-role-policy-document",
                UserFunctionsHttp.LAMBDA_TRUST).get("Role").get("Arn").asText();
        String zip;
        try (InputStream in = SesReceivingCliTest.class.getResourceAsStream("/ses-receiving/recorder.mjs")) {
            zip = Zips.file(ats.dataDir(), "recorder.zip", Zips.of(Map.of("recorder.mjs", new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        }
        for (String[] fn : List.of(new String[]{"recorder", ""}, new String[]{"stopper", "STOP_RULE"})) {
            String variables = "Variables={OUT=" + recorded + ",NAME=" + fn[0] + (fn[1].isEmpty() ? "" : ",DISPOSITION=" + fn[1]) + "}";
            ats.aws().ok("lambda", "create-function", "--function-name", fn[0], "--runtime", "nodejs20.x", "--handler", "recorder.handler",
                    "--role", roleArn, "--zip-file", zip, "--environment", variables);
            ats.aws().okText("lambda", "wait", "function-active", "--function-name", fn[0]);
        }
        ats.aws().ok("s3api", "create-bucket", "--bucket", "inbound-mail");
    }

    @Test
    void a_mail_to_a_rule_recipient_is_stored_raw_in_s3_and_the_function_gets_the_ses_event() throws Exception {
        ats.aws().ok("ses", "create-receipt-rule-set", "--rule-set-name", "replies");
        ats.aws().ok("ses", "create-receipt-rule", "--rule-set-name", "replies", "--rule",
                "{\"Name\":\"store-then-tell\",\"Enabled\":true,\"Recipients\":[\"Replies@HR.example\"],\"Actions\":["
                        + "{\"AddHeaderAction\":{\"HeaderName\":\"X-Receipt\",\"HeaderValue\":\"local-ses\"}},"
                        + "{\"S3Action\":{\"BucketName\":\"inbound-mail\",\"ObjectKeyPrefix\":\"replies/\"}},"
                        + "{\"LambdaAction\":{\"FunctionArn\":\"" + FN + "recorder\",\"InvocationType\":\"RequestResponse\"}}]}");
        ats.aws().ok("ses", "set-active-receipt-rule-set", "--rule-set-name", "replies");
        assertThat(ats.aws().ok("ses", "describe-active-receipt-rule-set").get("Metadata").get("Name").asText()).isEqualTo("replies");

        String raw = "From: Ines Candidate <ines@candidates.example>\r\nTo: replies@hr.example\r\nSubject: Accepted: Interview\r\n"
                + "Message-ID: <reply-1@candidates.example>\r\nDate: Tue, 2 Jan 2030 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nSee you then.\r\n";
        smtp(raw, "replies@hr.example");

        JsonNode receipt = awaitReceipt("replies@hr.example");
        String messageId = receipt.get("messageId").asText();
        assertThat(receipt.get("ruleSet").asText()).isEqualTo("replies");
        assertThat(steps(receipt)).containsExactly("store-then-tell/AddHeaderAction/OK", "store-then-tell/S3Action/OK",
                "store-then-tell/LambdaAction/OK");

        Path object = ats.dataDir().resolve("object.eml");
        ats.aws().ok("s3api", "get-object", "--bucket", "inbound-mail", "--key", "replies/" + messageId, object.toString());
        String stored = Files.readString(object, StandardCharsets.UTF_8);
        assertThat(stored).startsWith("X-Receipt: local-ses\r\n").contains("Subject: Accepted: Interview\r\n")
                .contains("Message-ID: <reply-1@candidates.example>").contains("\r\n\r\nSee you then."); // GreenMail keeps no CRLF before the final dot

        JsonNode call = awaitCalls("recorder", 1).get(0);
        JsonNode record = call.get("Records").get(0);
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:ses");
        JsonNode mail = record.get("ses").get("mail");
        assertThat(mail.get("messageId").asText()).isEqualTo(messageId);
        assertThat(mail.get("destination").get(0).asText()).isEqualTo("replies@hr.example");
        assertThat(mail.get("headersTruncated").asBoolean()).isFalse();
        assertThat(mail.get("source").asText()).isEqualTo("ines@candidates.example");
        assertThat(mail.get("headers").toString()).contains("{\"name\":\"X-Receipt\",\"value\":\"local-ses\"}");
        JsonNode common = mail.get("commonHeaders");
        assertThat(common.get("subject").asText()).isEqualTo("Accepted: Interview");
        assertThat(common.get("from").get(0).asText()).isEqualTo("Ines Candidate <ines@candidates.example>");
        assertThat(common.get("messageId").asText()).isEqualTo("<reply-1@candidates.example>");
        JsonNode receiptPart = record.get("ses").get("receipt");
        assertThat(receiptPart.get("recipients").get(0).asText()).isEqualTo("replies@hr.example");
        assertThat(receiptPart.get("spamVerdict").get("status").asText()).isEqualTo("GRAY");
        assertThat(receiptPart.get("action").get("type").asText()).isEqualTo("Lambda");
        assertThat(receiptPart.get("action").get("functionArn").asText()).isEqualTo(FN + "recorder");
        assertThat(receiptPart.get("action").get("invocationType").asText()).isEqualTo("RequestResponse");
        assertThat(receiptPart.has("timestamp")).isTrue();
        assertThat(receiptPart.has("processingTimeMillis")).isTrue();

        ats.aws().ok("ses", "set-active-receipt-rule-set");
        assertThat(ats.aws().ok("ses", "describe-active-receipt-rule-set").has("Metadata")).isFalse();
    }

    @Test
    void rules_run_in_order_a_stop_rule_disposition_ends_the_rule_and_a_stop_action_the_set() throws Exception {
        ats.aws().ok("ses", "create-receipt-rule-set", "--rule-set-name", "ordering");
        ats.aws().ok("ses", "create-receipt-rule", "--rule-set-name", "ordering", "--rule",
                "{\"Name\":\"third\",\"Enabled\":true,\"Actions\":[{\"S3Action\":{\"BucketName\":\"inbound-mail\",\"ObjectKeyPrefix\":\"third/\"}}]}");
        ats.aws().ok("ses", "create-receipt-rule", "--rule-set-name", "ordering", "--rule",
                "{\"Name\":\"first\",\"Enabled\":true,\"Recipients\":[\".jobs.example\"],\"Actions\":["
                        + "{\"LambdaAction\":{\"FunctionArn\":\"" + FN + "stopper\",\"InvocationType\":\"RequestResponse\"}},"
                        + "{\"S3Action\":{\"BucketName\":\"inbound-mail\",\"ObjectKeyPrefix\":\"first/\"}}]}");
        ats.aws().ok("ses", "create-receipt-rule", "--rule-set-name", "ordering", "--after", "first", "--rule",
                "{\"Name\":\"second\",\"Enabled\":true,\"Actions\":[{\"S3Action\":{\"BucketName\":\"inbound-mail\",\"ObjectKeyPrefix\":\"second/\"}},"
                        + "{\"LambdaAction\":{\"FunctionArn\":\"" + FN + "recorder\",\"InvocationType\":\"Event\"}},"
                        + "{\"StopAction\":{\"Scope\":\"RuleSet\"}}]}");
        ats.aws().ok("ses", "create-receipt-rule", "--rule-set-name", "ordering", "--rule",
                "{\"Name\":\"disabled\",\"Enabled\":false,\"Actions\":[{\"S3Action\":{\"BucketName\":\"inbound-mail\",\"ObjectKeyPrefix\":\"off/\"}}]}");
        assertThat(names(ats.aws().ok("ses", "describe-receipt-rule-set", "--rule-set-name", "ordering")))
                .containsExactly("disabled", "first", "second", "third");
        ats.aws().ok("ses", "set-receipt-rule-position", "--rule-set-name", "ordering", "--rule-name", "disabled", "--after", "third");
        assertThat(names(ats.aws().ok("ses", "describe-receipt-rule-set", "--rule-set-name", "ordering")))
                .containsExactly("first", "second", "third", "disabled");
        ats.aws().ok("ses", "set-active-receipt-rule-set", "--rule-set-name", "ordering");

        smtp("From: a@b.example\r\nTo: ALEX@Eu.Jobs.Example\r\nSubject: ordered\r\n\r\nbody\r\n", "ALEX@Eu.Jobs.Example");
        smtp("From: a@b.example\r\nTo: sam@jobs.example\r\nSubject: ordered\r\n\r\nbody\r\n", "sam@jobs.example");

        assertThat(steps(awaitReceipt("alex@eu.jobs.example")))
                .containsExactly("first/LambdaAction/STOPPED", "second/S3Action/OK", "second/LambdaAction/OK", "second/StopAction/STOPPED");
        // .jobs.example matches subdomains only: "first" is skipped, the rules without recipients run
        assertThat(steps(awaitReceipt("sam@jobs.example")))
                .containsExactly("second/S3Action/OK", "second/LambdaAction/OK", "second/StopAction/STOPPED");
        // the Event invocations are not waited for; each arrives with its own recipient
        await().atMost(Duration.ofSeconds(60)).until(() -> eventInvocations().containsAll(List.of("alex@eu.jobs.example", "sam@jobs.example")));
        String keys = ats.aws().ok("s3api", "list-objects-v2", "--bucket", "inbound-mail").toString();
        assertThat(keys).contains("second/").doesNotContain("first/").doesNotContain("third/").doesNotContain("off/");

        ats.aws().ok("ses", "reorder-receipt-rule-set", "--rule-set-name", "ordering", "--rule-names", "third", "first", "second", "disabled");
        assertThat(names(ats.aws().ok("ses", "describe-receipt-rule-set", "--rule-set-name", "ordering")))
                .containsExactly("third", "first", "second", "disabled");
        ats.aws().ok("ses", "set-active-receipt-rule-set");
    }

    @Test
    void bad_receipt_requests_get_ses_error_codes_naming_the_field_and_change_nothing() {
        ats.aws().ok("ses", "create-receipt-rule-set", "--rule-set-name", "bad-input");
        assertThat(ats.aws().fails("ses", "create-receipt-rule-set", "--rule-set-name", "bad-input")).contains("(AlreadyExists)");
        assertThat(ats.aws().fails("ses", "create-receipt-rule-set", "--rule-set-name", "no spaces!"))
                .contains("(ValidationError)").contains("RuleSetName is 'no spaces!'");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "missing", "--rule", "{\"Name\":\"r\"}"))
                .contains("(RuleSetDoesNotExist)");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule",
                "{\"Name\":\"sns\",\"Actions\":[{\"SNSAction\":{\"TopicArn\":\"arn:aws:sns:us-east-1:000000000000:t\"}}]}"))
                .contains("(ValidationError)").contains("Action type SNSAction is not supported");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule",
                "{\"Name\":\"bounce\",\"Actions\":[{\"BounceAction\":{\"SmtpReplyCode\":\"550\",\"Message\":\"m\",\"Sender\":\"a@b.example\"}}]}"))
                .contains("(ValidationError)").contains("Action type BounceAction is not supported");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule",
                "{\"Name\":\"nobucket\",\"Actions\":[{\"S3Action\":{\"BucketName\":\"no-such-bucket\"}}]}"))
                .contains("(InvalidS3Configuration)").contains("no-such-bucket");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule",
                "{\"Name\":\"nofn\",\"Actions\":[{\"LambdaAction\":{\"FunctionArn\":\"" + FN + "nobody\"}}]}"))
                .contains("(InvalidLambdaFunction)").contains(FN + "nobody");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule",
                "{\"Name\":\"tls\",\"TlsPolicy\":\"Sometimes\"}")).contains("(ValidationError)").contains("Rule.TlsPolicy is 'Sometimes'");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule",
                "{\"Name\":\"hdr\",\"Actions\":[{\"AddHeaderAction\":{\"HeaderName\":\"Bad Name\",\"HeaderValue\":\"v\"}}]}"))
                .contains("(ValidationError)").contains("AddHeaderAction.HeaderName is 'Bad Name'");
        assertThat(ats.aws().ok("ses", "describe-receipt-rule-set", "--rule-set-name", "bad-input").path("Rules")).isEmpty();

        ats.aws().ok("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule", "{\"Name\":\"only\"}");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--rule", "{\"Name\":\"only\"}"))
                .contains("(AlreadyExists)");
        assertThat(ats.aws().fails("ses", "create-receipt-rule", "--rule-set-name", "bad-input", "--after", "nobody", "--rule",
                "{\"Name\":\"later\"}")).contains("(RuleDoesNotExist)");
        assertThat(ats.aws().fails("ses", "describe-receipt-rule", "--rule-set-name", "bad-input", "--rule-name", "nobody"))
                .contains("(RuleDoesNotExist)");
        assertThat(ats.aws().fails("ses", "reorder-receipt-rule-set", "--rule-set-name", "bad-input", "--rule-names", "only", "only"))
                .contains("(ValidationError)");
        assertThat(ats.aws().fails("ses", "update-receipt-rule", "--rule-set-name", "bad-input", "--rule", "{\"Name\":\"nobody\"}"))
                .contains("(RuleDoesNotExist)");
        assertThat(ats.aws().fails("ses", "set-active-receipt-rule-set", "--rule-set-name", "missing")).contains("(RuleSetDoesNotExist)");

        ats.aws().ok("ses", "set-active-receipt-rule-set", "--rule-set-name", "bad-input");
        assertThat(ats.aws().fails("ses", "delete-receipt-rule-set", "--rule-set-name", "bad-input")).contains("(CannotDelete)");
        ats.aws().ok("ses", "set-active-receipt-rule-set");
        ats.aws().ok("ses", "delete-receipt-rule-set", "--rule-set-name", "bad-input");
        assertThat(ats.aws().fails("ses", "describe-receipt-rule-set", "--rule-set-name", "bad-input")).contains("(RuleSetDoesNotExist)");
    }

    /** The recipients of the Event invocations the recorder function saw. */
    private static List<String> eventInvocations() throws Exception {
        List<String> out = new ArrayList<>();
        if (Files.exists(recorded)) {
            for (String line : Files.readAllLines(recorded)) {
                JsonNode receipt = JSON.readTree(line).get("event").get("Records").get(0).get("ses").get("receipt");
                if (receipt.get("action").get("invocationType").asText().equals("Event")) {
                    out.add(receipt.get("recipients").get(0).asText().toLowerCase(java.util.Locale.ROOT)); // sent as ALEX@Eu.Jobs.Example
                }
            }
        }
        return out;
    }

    private static List<String> names(JsonNode set) {
        List<String> out = new ArrayList<>();
        set.get("Rules").forEach(r -> out.add(r.get("Name").asText()));
        return out;
    }

    private static List<String> steps(JsonNode receipt) {
        List<String> out = new ArrayList<>();
        receipt.get("steps").forEach(s -> out.add(s.get("rule").asText() + "/" + s.get("action").asText() + "/" + s.get("outcome").asText()));
        return out;
    }

    static void smtp(String raw, String to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(ats.runtime().smtpPort()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        // sendMessage, not Transport.send: that would saveChanges() and replace the Message-ID the test sent
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[]{new InternetAddress(to)});
        }
    }

    /** The newest receipt for {@code recipient} from {@code /_ats/ses/receipts}, once there is one. */
    static JsonNode awaitReceipt(String recipient) {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = ats.runtime().endpoint().resolve("/_ats/ses/receipts?recipient=" + recipient);
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode receipts = JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .get("receipts");
            found[0] = receipts.isEmpty() ? null : receipts.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    /** The events function {@code fn} recorded, once there are {@code count}. */
    private static List<JsonNode> awaitCalls(String fn, int count) {
        List<JsonNode> calls = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            calls.clear();
            if (Files.exists(recorded)) {
                for (String line : Files.readAllLines(recorded)) {
                    JsonNode call = JSON.readTree(line);
                    if (call.get("fn").asText().equals(fn)) {
                        calls.add(call.get("event"));
                    }
                }
            }
            return calls.size() >= count;
        });
        return calls;
    }
}
