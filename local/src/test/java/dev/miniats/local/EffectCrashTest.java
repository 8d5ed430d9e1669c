package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.InterviewStore;
import dev.miniats.core.idempotency.ForwardingIdempotencyStore;
import dev.miniats.core.idempotency.IdempotencyConfig;
import dev.miniats.core.idempotency.IdempotencyStore;
import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.CancelInterviewHandler;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.functions.FunctionStores;
import dev.miniats.functions.HiringHandler;
import dev.miniats.functions.RescheduleInterviewHandler;
import dev.miniats.functions.ScheduleInterviewHandler;
import dev.miniats.functions.SendAssessmentHandler;
import dev.miniats.functions.SendOfferLetterHandler;
import dev.miniats.local.mail.StoredMail;
import dev.miniats.local.sqlite.SqliteIdempotencyStore;
import dev.miniats.local.sqlite.SqliteInterviewStore;
import dev.miniats.local.sqlite.SqlitePipelineStore;
import dev.miniats.local.sqlite.SqliteRosterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The effect of every mail-sending function, killed at each of its steps: the run that follows
 * (the redelivery) sends nothing new, answers the first MessageId, and the candidate's IMAP
 * inbox holds one mail. The functions run against the real local SES (over HTTP) and the
 * runtime's SQLite stores; only the step that dies is simulated, by a store or mailer that
 * throws once at that step.
 */
class EffectCrashTest {
    private static TestRuntime test;
    private static Mailbox mailbox;

    /** Where the simulated crash hits. */
    enum Step {
        /** SES accepted and stored the mail; its answer never reached the function (a timeout, a kill). */
        AFTER_SES_CALL,
        /** The mail is stored; the idempotency record stays in progress. */
        BEFORE_IDEMPOTENCY_COMPLETION,
        /** The function finished; the dispatcher died before recording the delivery, so it runs again. */
        BEFORE_DELIVERY_OUTCOME
    }

    /** Thrown when the test kills an effect at its chosen step. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(Step step) {
            super("simulated crash " + step);
        }
    }

    @BeforeAll
    static void start() {
        test = TestRuntime.start();
        mailbox = new Mailbox("127.0.0.1", test.runtime.imapPort());
    }

    @AfterAll
    static void stop() {
        test.close();
    }

    static Stream<Arguments> every_step_of_every_function() {
        List<Arguments> cases = new ArrayList<>();
        for (String detailType : List.of("send-assessment", "schedule-interview", "reschedule-interview", "cancel-interview",
                "send-offer-letter")) {
            for (Step step : Step.values()) {
                cases.add(Arguments.of(detailType, step));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} killed {1}")
    @MethodSource("every_step_of_every_function")
    void a_run_killed_at_any_step_is_run_again_without_a_second_mail(String detailType, Step step) throws Exception {
        String to = detailType + "-" + step.name().toLowerCase().replace('_', '-') + "@example.com";
        String envelope = envelope("event-" + to, detailType, to);
        Crashing crashing = new Crashing(step);
        HiringHandler dying = handler(detailType, crashing.environment());

        if (step == Step.BEFORE_DELIVERY_OUTCOME) {
            invoke(dying, envelope);
        } else {
            assertThatThrownBy(() -> invoke(dying, envelope)).isInstanceOf(SimulatedCrash.class);
        }
        assertThat(crashing.sesAnswers).as("SES accepted the first run's mail").hasSize(1);
        if (step == Step.BEFORE_IDEMPOTENCY_COMPLETION) {
            assertThat(inProgressKeys(to)).as("the dead run's record is still in progress").hasSize(1);
            // What the next start does before any function runs: the dead process's lock is freed.
            new SqliteIdempotencyStore(test.runtime.database()).releaseAbandonedLocks();
        }

        Crashing healthy = new Crashing(null);
        JsonNode redelivered = invoke(handler(detailType, healthy.environment()), envelope);

        assertThat(redelivered.get("messageId").asText()).isEqualTo(crashing.sesAnswers.get(0));
        List<StoredMail> stored = storedTo(to);
        assertThat(stored).as("mails the local SES stored for %s", to).hasSize(1);
        assertThat(stored.get(0).id()).isEqualTo(crashing.sesAnswers.get(0));
        if (redelivered.has("sequence")) {
            assertThat(sequenceIn(stored.get(0))).as("SEQUENCE of the one mail is the one the answer names")
                    .isEqualTo(redelivered.get("sequence").asInt());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.inbox(to).size() >= 1);
        assertThat(mailbox.inbox(to)).hasSize(1);
    }

    @Test
    void a_reschedule_run_again_after_a_crash_keeps_its_sequence_and_the_next_one_goes_higher() throws Exception {
        String to = "sequence-crash@example.com";
        Crashing crashing = new Crashing(Step.BEFORE_IDEMPOTENCY_COMPLETION);
        assertThatThrownBy(() -> invoke(handler("reschedule-interview", crashing.environment()),
                envelope("r-1", "reschedule-interview", to))).isInstanceOf(SimulatedCrash.class);
        new SqliteIdempotencyStore(test.runtime.database()).releaseAbandonedLocks();

        FunctionEnvironment healthy = new Crashing(null).environment();
        JsonNode again = invoke(handler("reschedule-interview", healthy), envelope("r-1", "reschedule-interview", to));
        JsonNode cancel = invoke(handler("cancel-interview", healthy), envelope("c-1", "cancel-interview", to));

        assertThat(again.get("sequence").asInt()).isEqualTo(1);
        assertThat(cancel.get("sequence").asInt()).isEqualTo(2);
        assertThat(storedTo(to)).extracting(EffectCrashTest::sequenceIn).containsExactly(1, 2);
    }

    @Test
    void a_run_killed_before_completion_is_run_once_more_by_the_restarted_runtime_without_a_second_mail() throws Exception {
        String to = "restart@example.com";
        Crashing crashing = new Crashing(Step.BEFORE_IDEMPOTENCY_COMPLETION);
        String envelope = envelope("restart-1", "send-assessment", to);
        assertThatThrownBy(() -> invoke(handler("send-assessment", crashing.environment()), envelope))
                .isInstanceOf(SimulatedCrash.class);
        test.close();
        test = test.restart();
        mailbox = new Mailbox("127.0.0.1", test.runtime.imapPort());

        JsonNode redelivered = invoke(handler("send-assessment", new Crashing(null).environment()), envelope);

        assertThat(redelivered.get("replayed").asBoolean()).isFalse();
        assertThat(redelivered.get("messageId").asText()).isEqualTo(crashing.sesAnswers.get(0));
        assertThat(storedTo(to)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.inbox(to).size() >= 1);
        assertThat(mailbox.inbox(to)).hasSize(1);
    }

    /** The functions' environment against the running runtime, with the one step that dies. */
    private static final class Crashing {
        final List<String> sesAnswers = new CopyOnWriteArrayList<>();
        final IdempotencyStore idempotency;
        private final Step step;
        private final AtomicBoolean crashed = new AtomicBoolean();

        Crashing(Step step) {
            this.step = step;
            IdempotencyStore sqlite = new SqliteIdempotencyStore(test.runtime.database());
            this.idempotency = step != Step.BEFORE_IDEMPOTENCY_COMPLETION ? sqlite : new FailingCompletion(sqlite, this);
        }

        FunctionEnvironment environment() {
            FunctionEnvironment local = FunctionEnvironment.local(test.runtime.endpoint(), Clock.systemUTC(), EmailTemplates.builtIn());
            Mailer ses = local.mailer();
            Mailer recording = email -> {
                String messageId = ses.send(email);
                sesAnswers.add(messageId);
                crashAt(Step.AFTER_SES_CALL);
                return messageId;
            };
            InterviewStore interviews = new SqliteInterviewStore(test.runtime.database());
            FunctionStores stores = new FunctionStores(idempotency, interviews, new SqlitePipelineStore(test.runtime.database()),
                    new SqliteRosterStore(test.runtime.database()));
            return new FunctionEnvironment(Clock.systemUTC(), recording, local.emails(), stores, IdempotencyConfig.DEFAULT,
                    RoutingDeclaration.DEFAULT_PARTNERS);
        }

        void crashAt(Step here) {
            if (step == here && crashed.compareAndSet(false, true)) {
                throw new SimulatedCrash(here);
            }
        }
    }

    /** An idempotency store whose completion dies once: the mail is out, the record stays in progress. */
    private static final class FailingCompletion extends ForwardingIdempotencyStore {
        private final Crashing crashing;

        FailingCompletion(IdempotencyStore delegate, Crashing crashing) {
            super(delegate);
            this.crashing = crashing;
        }

        @Override
        public void complete(String key, String result) {
            crashing.crashAt(Step.BEFORE_IDEMPOTENCY_COMPLETION);
            super.complete(key, result);
        }
    }

    private static HiringHandler handler(String detailType, FunctionEnvironment environment) {
        Function<FunctionEnvironment, HiringHandler> constructor = switch (detailType) {
            case "send-assessment" -> SendAssessmentHandler::new;
            case "schedule-interview" -> ScheduleInterviewHandler::new;
            case "reschedule-interview" -> RescheduleInterviewHandler::new;
            case "cancel-interview" -> CancelInterviewHandler::new;
            case "send-offer-letter" -> SendOfferLetterHandler::new;
            default -> throw new IllegalArgumentException(detailType);
        };
        return constructor.apply(environment);
    }

    private static String envelope(String id, String detailType, String to) {
        ObjectNode envelope = new ObjectMapper().createObjectNode();
        envelope.put("version", "0").put("id", id).put("detail-type", detailType).put("source", "mini-ats")
                .put("account", "000000000000").put("time", "2026-11-26T11:59:00Z").put("region", "us-east-1");
        envelope.putObject("detail").put("toEmail", to).put("fromEmail", "talent@example.com").put("companyName", "Acme")
                .putObject("interview").put("interviewId", "onsite-1").put("start", "2026-12-03T14:00:00Z");
        return envelope.toString();
    }

    private static List<String> inProgressKeys(String candidateId) {
        return test.runtime.database().read(c -> {
            try (var s = c.prepareStatement("SELECT key FROM idempotency WHERE status='IN_PROGRESS' AND key LIKE ?")) {
                s.setString(1, "%#" + candidateId + "%");
                List<String> keys = new ArrayList<>();
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        keys.add(r.getString(1));
                    }
                }
                return keys;
            }
        });
    }

    private static JsonNode invoke(HiringHandler handler, String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return TestRuntime.json(out.toString(StandardCharsets.UTF_8));
    }

    private static List<StoredMail> storedTo(String to) {
        return test.runtime.mailStore().recent(10_000).stream().filter(m -> m.destinations().contains(to))
                .sorted(java.util.Comparator.comparingLong(StoredMail::seq)).toList();
    }

    private static int sequenceIn(StoredMail mail) {
        return Invites.sequence(new String(mail.raw(), StandardCharsets.UTF_8));
    }
}
