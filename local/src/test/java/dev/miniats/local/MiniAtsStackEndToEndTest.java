package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.ClientReplies;
import dev.miniats.core.calendar.InterviewCalendars;
import net.fortuna.ical4j.model.parameter.PartStat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stack we ship to AWS ({@code infra/cloudformation/mini-ats.json} with the functions' shaded
 * jar), deployed to {@code ats up} running as its own process by the commands of
 * {@code infra/DEPLOY.md}'s "Deploy it locally first" section, run as written by bash with the
 * real AWS CLI; then the brief's events go through the deployed bus, rules and Java functions
 * to IMAP, and delete-stack removes what the stack made.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MiniAtsStackEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final String SECTION = "## Deploy it locally first";

    @TempDir
    static Path dataDir;
    static RuntimeProcess runtime;
    static List<String> blocks;
    static Map<String, String> outputs = new HashMap<>();
    static String stackId;

    @BeforeAll
    static void deploy() throws Exception {
        blocks = localSection(Files.readString(REPO.resolve("infra/DEPLOY.md")));
        // the block is [NAME=value ...] ./ats up [options]: the variables go to the runtime's environment
        String start = blocks.get(0).strip();
        Map<String, String> environment = new HashMap<>();
        Matcher assignment = Pattern.compile("^([A-Z0-9_]+)=(\\S*)\\s+").matcher(start);
        while (assignment.find()) {
            environment.put(assignment.group(1), assignment.group(2));
            start = start.substring(assignment.end());
            assignment = Pattern.compile("^([A-Z0-9_]+)=(\\S*)\\s+").matcher(start);
        }
        assertThat(start).startsWith("./ats up");
        List<String> options = new ArrayList<>(List.of(start.substring("./ats up".length()).strip().split("\\s+")));
        // the template's rules retry for a day (185 attempts); scaled down, a failing event reaches its dead-letter queue in seconds
        options.addAll(List.of("--time-scale", "0.0005"));
        runtime = RuntimeProcess.start(dataDir, environment, options.toArray(String[]::new));
        Script deployed = bash(blocks.get(1));
        assertThat(deployed.exit()).as("the deploy commands:\n%s", deployed.stderr()).isZero();
        stackId = aws("cloudformation", "describe-stacks", "--stack-name", "MiniAts").at("/Stacks/0/StackId").asText();
        System.out.printf("mini-ats.json: CREATE_IN_PROGRESS to CREATE_COMPLETE in %d ms (stack events); create-stack to the"
                + " waiter's return %d ms (it polls every 30 s)%n", stackMillis("CREATE_IN_PROGRESS", "CREATE_COMPLETE"),
                deployed.millisBetween("cloudformation create-stack", "cloudformation describe-stacks"));
        System.out.println("slowest resources: " + slowest(5));
        assertThat(deployed.stdout()).contains("BusName").contains("mini-ats-idempotency");
        aws("cloudformation", "describe-stacks", "--stack-name", "MiniAts").at("/Stacks/0/Outputs")
                .forEach(o -> outputs.put(o.get("OutputKey").asText(), o.get("OutputValue").asText()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The bash blocks of DEPLOY.md's local section, in order. */
    static List<String> localSection(String markdown) {
        int from = markdown.indexOf(SECTION);
        assertThat(from).as("DEPLOY.md has the section '%s'", SECTION).isNotNegative();
        int to = markdown.indexOf("\n## ", from + SECTION.length());
        String section = markdown.substring(from, to < 0 ? markdown.length() : to);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    /** What a block printed, and when each command started (bash's xtrace with timestamps). */
    record Script(int exit, String stdout, String stderr) {
        long millisBetween(String first, String last) {
            return started(last) - started(first);
        }

        private long started(String command) {
            return stderr.lines().filter(l -> l.startsWith("+T") && l.contains(command)).findFirst()
                    .map(l -> (long) (Double.parseDouble(l.substring(2, l.indexOf(' '))) * 1000))
                    .orElseThrow(() -> new AssertionError("no trace of " + command + " in " + stderr));
        }
    }

    /** Runs DEPLOY.md's commands with bash from the repository root, {@code ATS} set to the runtime's endpoint. */
    static Script bash(String commands) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail; export PS4='+T$EPOCHREALTIME '; set -x\n"
                + commands.replace("aws ", "/usr/bin/aws "))
                .directory(REPO.toFile());
        builder.environment().put("ATS", runtime.endpoint().toString().replaceAll("/$", ""));
        // what the section's first commands export, for the blocks run in shells of their own
        builder.environment().putAll(Map.of("AWS_PAGER", "", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_DEFAULT_REGION", "us-east-1"));
        Process p = builder.start();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Script(p.exitValue(), out, err.join());
    }

    /** Time between the stack's own events of status {@code from} and {@code to}, as describe-stack-events shows them. */
    static long stackMillis(String from, String to) throws IOException, InterruptedException {
        JsonNode events = aws("cloudformation", "describe-stack-events", "--stack-name", stackId);
        Map<String, java.time.Instant> at = new HashMap<>();
        events.get("StackEvents").forEach(e -> {
            if (e.get("ResourceType").asText().equals("AWS::CloudFormation::Stack")) {
                at.putIfAbsent(e.get("ResourceStatus").asText(), java.time.Instant.parse(e.get("Timestamp").asText().replace("+00:00", "Z")));
            }
        });
        return Duration.between(at.get(from), at.get(to)).toMillis();
    }

    /** The {@code n} resources that took longest from CREATE_IN_PROGRESS to CREATE_COMPLETE, for the report. */
    static List<String> slowest(int n) throws IOException, InterruptedException {
        Map<String, java.time.Instant> begun = new HashMap<>();
        Map<String, Long> took = new HashMap<>();
        List<JsonNode> events = new ArrayList<>();
        aws("cloudformation", "describe-stack-events", "--stack-name", stackId).get("StackEvents").forEach(events::add);
        java.util.Collections.reverse(events);
        for (JsonNode e : events) {
            java.time.Instant at = java.time.Instant.parse(e.get("Timestamp").asText().replace("+00:00", "Z"));
            String id = e.get("LogicalResourceId").asText();
            if (e.get("ResourceStatus").asText().equals("CREATE_IN_PROGRESS")) {
                begun.putIfAbsent(id, at);
            } else if (e.get("ResourceStatus").asText().equals("CREATE_COMPLETE") && begun.containsKey(id)) {
                took.put(id, Duration.between(begun.get(id), at).toMillis());
            }
        }
        return took.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " " + e.getValue() + " ms").toList();
    }

    static JsonNode aws(String... args) throws IOException, InterruptedException {
        AwsCliEndToEndTest.CliResult r = AwsCliEndToEndTest.aws(runtime.endpoint(), args);
        assertThat(r.exitCode()).as("aws %s: %s", String.join(" ", args), r.stderr()).isZero();
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    static String put(String type, String detail) throws IOException, InterruptedException {
        JsonNode entry = JSON.createObjectNode().put("Source", "mini-ats").put("DetailType", type).put("EventBusName", "mini-ats")
                .put("Detail", detail);
        JsonNode answer = aws("events", "put-events", "--entries", "[" + entry + "]");
        assertThat(answer.get("FailedEntryCount").asInt()).isZero();
        return answer.at("/Entries/0/EventId").asText();
    }

    @Test
    @Order(1)
    void the_stack_is_made_in_the_services_that_own_its_resources() throws Exception {
        assertThat(outputs).containsEntry("BusName", "mini-ats").containsEntry("IdempotencyTableName", "mini-ats-idempotency")
                .containsEntry("SendAssessmentFunctionName", "mini-ats-send-assessment");
        assertThat(aws("lambda", "get-function", "--function-name", "mini-ats-send-assessment").at("/Configuration/Runtime").asText())
                .isEqualTo("java21");
        assertThat(aws("events", "list-rules", "--event-bus-name", "mini-ats").get("Rules")).hasSize(9); // the routing's 8 and the candidate pages' asking rule
        assertThat(aws("dynamodb", "list-tables").get("TableNames")).extracting(JsonNode::asText)
                .contains("mini-ats-idempotency", "mini-ats-pipeline", "mini-ats-roster");
        assertThat(aws("sqs", "list-queues").get("QueueUrls")).hasSize(9);
        assertThat(aws("events", "describe-archive", "--archive-name", "mini-ats-archive").get("RetentionDays").asInt()).isEqualTo(30);
        assertThat(outputs.get("SendAssessmentDeadLettersUrl")).startsWith(runtime.endpoint().toString().replaceAll("/$", ""));
    }

    @Test
    @Order(2)
    void the_briefs_three_events_run_the_deployed_java_functions_and_mail_over_imap() throws Exception {
        for (String type : List.of("send-assessment", "schedule-interview", "send-offer-letter")) {
            put(type, "{\"toEmail\":\"nora@example.com\",\"fromEmail\":\"hiring@example.com\",\"companyName\":\"Acme\"}");
        }
        Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
        // each function's first (cold) start runs the jar through the Java runtime interface client: tens of seconds on a busy machine
        await().atMost(Duration.ofSeconds(240)).until(() -> mailbox.inbox("nora@example.com").size() == 3);
        assertThat(mailbox.inbox("nora@example.com")).extracting(Mailbox.Mail::from).allMatch(f -> f.contains("hiring@example.com"));

        String partner = put("send-assessment", "{\"toEmail\":\"pat@example.com\",\"fromEmail\":\"hiring@example.com\","
                + "\"companyName\":\"Insight Partners\",\"candidateName\":\"Pat Partner\",\"partner\":{\"testingDay\":\"2026-12-12\"}}");
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(aws("dynamodb", "scan", "--table-name",
                "mini-ats-roster").toString()).contains(partner).contains("Pat Partner"));
        assertThat(mailbox.inbox("pat@example.com")).isEmpty();

        JsonNode idempotency = aws("dynamodb", "scan", "--table-name", "mini-ats-idempotency");
        assertThat(idempotency.get("Count").asInt()).as(idempotency.toString()).isGreaterThanOrEqualTo(3);
        assertThat(aws("logs", "describe-log-streams", "--log-group-name", "/aws/lambda/mini-ats-send-assessment")
                .get("logStreams")).isNotEmpty();
    }

    @Test
    @Order(3)
    void the_assessment_link_opens_the_deployed_candidate_pages_function_and_the_answer_reaches_the_pipeline() throws Exception {
        String pagesUrl = outputs.get("CandidatePagesUrl");
        assertThat(pagesUrl).contains("/_lambda-url/");
        Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
        String assessment = mailbox.inbox("nora@example.com").stream().map(Mailbox.Mail::raw).map(MiniAtsStackEndToEndTest::plainText)
                .filter(text -> text.contains("/candidate/assessment/")).findFirst().orElseThrow();
        Matcher link = Pattern.compile("(http://\\S+/candidate/assessment/\\S+)").matcher(assessment);
        assertThat(link.find()).as(assessment).isTrue();
        assertThat(link.group(1)).startsWith(pagesUrl.replaceAll("/$", ""));

        // the asking event reaches the pages function through its own rule; its first (cold) start takes a while
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> question = await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2))
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString()),
                        r -> r.statusCode() == 200);
        assertThat(question.body()).contains("Your assessment");
        String cookie = question.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = URI.create(link.group(1)).getRawQuery().substring("token=".length());
        String form = "token=" + token + "&csrf=" + cookie.substring(cookie.indexOf('=') + 1) + "&q1=b&q2=c&q3=a";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Thank you");
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(aws("dynamodb", "scan", "--table-name",
                "mini-ats-pipeline").toString()).contains("assessment completed"));
        assertThat(aws("dynamodb", "scan", "--table-name", "mini-ats-candidate-pages").toString()).contains("assessment-completed");
    }

    private static String plainText(String raw) {
        try {
            return textOf(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = textOf(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    /**
     * The stack's calendar replies: the rule set activated as DEPLOY.md says, an interview scheduled on the stack's bus, and
     * a calendar client's REPLY (built with ical4j) mailed over SMTP to the organizer; the stack's receipt rule stores it in
     * the inbound bucket and invokes the deployed calendar-reply function with SES's event, which publishes
     * interview-confirmed on the stack's bus, and record-pipeline records it.
     */
    @Test
    @Order(4)
    void a_calendar_reply_to_the_organizer_runs_the_deployed_calendar_reply_function_and_confirms_the_interview() throws Exception {
        assertThat(outputs).containsEntry("ReceiptRuleSetName", "mini-ats-inbound").containsKey("InboundMailBucketName");
        aws("ses", "set-active-receipt-rule-set", "--rule-set-name", outputs.get("ReceiptRuleSetName"));
        JsonNode active = aws("ses", "describe-active-receipt-rule-set");
        assertThat(active.at("/Metadata/Name").asText()).isEqualTo("mini-ats-inbound");
        assertThat(active.at("/Rules/0/Recipients/0").asText()).isEqualTo("hiring@example.com"); // OrganizerAddress empty: the sender
        assertThat(active.at("/Rules/0/Actions/0/S3Action/BucketName").asText()).isEqualTo(outputs.get("InboundMailBucketName"));

        put("schedule-interview", "{\"toEmail\":\"ines@example.com\",\"fromEmail\":\"hiring@example.com\",\"companyName\":\"Acme\","
                + "\"candidateId\":\"cand-reply\",\"interview\":{\"interviewId\":\"onsite-1\",\"start\":\"2026-12-20T09:30:00Z\","
                + "\"timeZone\":\"Europe/Berlin\"}}");
        Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
        await().atMost(Duration.ofSeconds(240)).until(() -> mailbox.inbox("ines@example.com").size() == 1);
        String invite = Invites.ics(mailbox.inbox("ines@example.com").get(0).raw());
        // the schedule function records the invite once its mail is sent
        String uid = InterviewCalendars.uid("cand-reply", "onsite-1");
        await().atMost(Duration.ofSeconds(60)).until(() -> aws("dynamodb", "get-item", "--table-name", "mini-ats-idempotency",
                "--key", "{\"id\":{\"S\":\"invited-interview#" + uid + "\"}}").has("Item"));

        byte[] reply = ClientReplies.mail("ines@example.com", "hiring@example.com",
                ClientReplies.replyCalendar(invite, "ines@example.com", PartStat.ACCEPTED));
        try (jakarta.mail.Transport smtp = smtpSession().getTransport("smtp")) {
            smtp.connect();
            jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(smtpSession(), new java.io.ByteArrayInputStream(reply));
            smtp.sendMessage(message, new jakarta.mail.Address[]{new jakarta.mail.internet.InternetAddress("hiring@example.com")});
        }
        // SES receiving's record of that mail: both actions of the stack's rule ran
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(receipts("hiring@example.com"))
                .contains("S3").contains("Lambda").doesNotContain("FAILED"));
        String objects = aws("s3api", "list-objects-v2", "--bucket", outputs.get("InboundMailBucketName"), "--prefix", "calendar-replies/").toString();
        assertThat(objects).contains("calendar-replies/");

        // its first (cold) start takes a while; record-pipeline, on the stack's bus, records the answer it published
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(aws("dynamodb",
                "scan", "--table-name", "mini-ats-pipeline").toString()).contains("cand-reply").contains("interview confirmed"));
        JsonNode answer = aws("dynamodb", "get-item", "--table-name", "mini-ats-idempotency", "--key",
                "{\"id\":{\"S\":\"calendar-answer#" + uid + "#ines@example.com\"}}");
        assertThat(answer.at("/Item/partStat/S").asText()).isEqualTo("ACCEPTED");
    }

    private static jakarta.mail.Session smtpSession() {
        java.util.Properties props = new java.util.Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(runtime.smtpPort()));
        return jakarta.mail.Session.getInstance(props);
    }

    /** What SES receiving did with the mails to {@code recipient}, from {@code /_ats/ses/receipts}. */
    private static String receipts(String recipient) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(runtime.endpoint().resolve("/_ats/ses/receipts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        StringBuilder out = new StringBuilder();
        JSON.readTree(answer.body()).findParents("recipient").stream()
                .filter(r -> recipient.equalsIgnoreCase(r.get("recipient").asText())).forEach(r -> out.append(r));
        return out.toString();
    }

    @Test
    @Order(5)
    void a_failing_event_lands_in_the_stacks_dead_letter_queue() throws Exception {
        // no toEmail: the function fails every attempt; at --time-scale the retries end quickly
        put("send-assessment", "{\"fromEmail\":\"hiring@example.com\",\"companyName\":\"Acme\"}");
        String queue = outputs.get("SendAssessmentDeadLettersUrl");
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode messages = aws("sqs", "receive-message", "--queue-url", queue, "--message-attribute-names", "All");
            assertThat(messages.path("Messages")).isNotEmpty();
            assertThat(messages.at("/Messages/0/MessageAttributes").fieldNames()).toIterable()
                    .contains("RULE_ARN", "TARGET_ARN", "ERROR_CODE", "ERROR_MESSAGE");
        });
    }

    @Test
    @Order(6)
    void delete_stack_leaves_no_function_rule_queue_or_table() throws Exception {
        Script deleted = bash(blocks.get(blocks.size() - 1));
        assertThat(deleted.exit()).as(deleted.stderr()).isZero();
        System.out.printf("mini-ats.json: DELETE_IN_PROGRESS to DELETE_COMPLETE in %d ms (stack events)%n",
                stackMillis("DELETE_IN_PROGRESS", "DELETE_COMPLETE"));
        assertThat(aws("lambda", "list-functions").get("Functions")).extracting(f -> f.get("FunctionName").asText())
                .noneMatch(n -> n.startsWith("mini-ats-"));
        assertThat(aws("events", "list-event-buses").get("EventBuses")).extracting(b -> b.get("Name").asText())
                .doesNotContain("mini-ats");
        assertThat(aws("dynamodb", "list-tables").get("TableNames")).isEmpty();
        assertThat(aws("sqs", "list-queues").path("QueueUrls")).isEmpty();
        assertThat(aws("events", "list-archives").get("Archives")).isEmpty();
        assertThat(aws("ses", "list-receipt-rule-sets").path("RuleSets")).isEmpty();
    }
}
