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
import dev.miniats.core.roster.RosterEntry;
import dev.miniats.core.roster.RosterStore;
import dev.miniats.functions.CancelInterviewHandler;
import dev.miniats.functions.CollectPartnerRosterHandler;
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
import java.time.LocalDate;
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
            this(step.name());
        }

        SimulatedCrash(String where) {
            super("simulated crash " + where);
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
        restart();

        JsonNode redelivered = invoke(handler("send-assessment", new Crashing(null).environment()), envelope);

        assertThat(redelivered.get("replayed").asBoolean()).isFalse();
        assertThat(redelivered.get("messageId").asText()).isEqualTo(crashing.sesAnswers.get(0));
        assertThat(storedTo(to)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.inbox(to).size() >= 1);
        assertThat(mailbox.inbox(to)).hasSize(1);
    }

    @Test
    void an_interview_chain_killed_after_each_ses_call_and_restarted_keeps_its_sequences_rising_one_request_each() throws Exception {
        String to = "chain-crash@example.com";
        invoke(handler("schedule-interview", new Crashing(null).environment()), envelope("chain-s", "schedule-interview", to));
        for (String[] step : List.of(new String[] {"chain-r", "reschedule-interview"}, new String[] {"chain-c", "cancel-interview"})) {
            Crashing crashing = new Crashing(Step.AFTER_SES_CALL);
            assertThatThrownBy(() -> invoke(handler(step[1], crashing.environment()), envelope(step[0], step[1], to)))
                    .isInstanceOf(SimulatedCrash.class);
            restart();
            invoke(handler(step[1], new Crashing(null).environment()), envelope(step[0], step[1], to));
        }

        List<StoredMail> stored = storedTo(to);
        assertThat(stored).extracting(EffectCrashTest::sequenceIn).as("SEQUENCE per mail, in the order sent").containsExactly(0, 1, 2);
        assertThat(stored).extracting(m -> Invites.method(new String(m.raw(), StandardCharsets.UTF_8)))
                .containsExactly("REQUEST", "REQUEST", "CANCEL");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.inbox(to).size() >= 3);
        assertThat(mailbox.inbox(to)).extracting(m -> Invites.sequence(m.raw())).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void a_partner_event_run_again_after_a_crash_and_a_restart_puts_the_candidate_on_the_testing_day_once() throws Exception {
        String partner = RoutingDeclaration.DEFAULT_PARTNERS.get(0);
        LocalDate day = LocalDate.parse("2027-02-01");
        ObjectNode envelope = (ObjectNode) TestRuntime.json(envelope("partner-1", "send-assessment", "roster-crash@example.com"));
        ((ObjectNode) envelope.get("detail")).put("companyName", partner).put("candidateId", "roster-crash")
                .putObject("partner").put("testingDay", day.toString());
        // Dies after the roster row is committed, before the function answers: the delivery runs again.
        FunctionEnvironment healthy = new Crashing(null).environment();
        RosterStore committed = healthy.stores().roster();
        RosterStore dying = new RosterStore() {
            @Override
            public void record(RosterEntry entry) {
                committed.record(entry);
                throw new SimulatedCrash("after the roster commit");
            }

            @Override
            public List<RosterEntry> roster(String companyName, LocalDate testingDay) {
                return committed.roster(companyName, testingDay);
            }
        };
        FunctionStores stores = healthy.stores();
        FunctionEnvironment crashing = new FunctionEnvironment(healthy.clock(), healthy.mailer(), healthy.emails(),
                new FunctionStores(stores.idempotency(), stores.interviews(), stores.pipeline(), dying), healthy.idempotency(),
                healthy.partners());
        assertThatThrownBy(() -> invoke(new CollectPartnerRosterHandler(crashing), envelope.toString())).isInstanceOf(SimulatedCrash.class);
        restart();

        FunctionEnvironment restarted = new Crashing(null).environment();
        invoke(new CollectPartnerRosterHandler(restarted), envelope.toString());
        // The partner's next event for the same candidate and day (the crash load sends two) runs too.
        envelope.put("id", "partner-2").put("detail-type", "schedule-interview");
        invoke(new CollectPartnerRosterHandler(restarted), envelope.toString());

        assertThat(new SqliteRosterStore(test.runtime.database()).roster(partner, day)).extracting(RosterEntry::candidateId)
                .containsExactly("roster-crash");
    }

    private static void restart() {
        test.close();
        test = test.restart();
        mailbox = new Mailbox("127.0.0.1", test.runtime.imapPort());
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
