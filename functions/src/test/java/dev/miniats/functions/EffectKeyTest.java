package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.miniats.core.idempotency.ForwardingIdempotencyStore;
import dev.miniats.core.idempotency.HiringIdempotencyKeys;
import dev.miniats.core.idempotency.IdempotencyRecord;
import dev.miniats.core.idempotency.IdempotencyStore;
import dev.miniats.core.idempotency.InMemoryIdempotencyStore;
import dev.miniats.core.event.HiringEvents;
import dev.miniats.core.mail.MimeEmails;
import dev.miniats.core.calendar.InMemoryInterviewStore;
import dev.miniats.core.pipeline.InMemoryPipelineStore;
import dev.miniats.core.roster.InMemoryRosterStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.miniats.functions.Invocations.BRIEF_PAYLOAD;
import static dev.miniats.functions.Invocations.envelope;
import static org.assertj.core.api.Assertions.assertThat;

/** What a mail-sending function gives the mail service and the idempotency store to make its effect exactly once. */
class EffectKeyTest {
    private final RecordingMailer mailer = new RecordingMailer();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final FunctionEnvironment environment = Invocations.environment(mailer).withStores(new FunctionStores(idempotency,
            new InMemoryInterviewStore(), new InMemoryPipelineStore(), new InMemoryRosterStore()));

    /** Lambda's context with {@code remainingMillis} left; every other method answers null or 0. */
    private static Context remaining(int remainingMillis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getRemainingTimeInMillis")) {
                        return remainingMillis;
                    }
                    return method.getReturnType() == int.class ? Integer.valueOf(0) : null;
                });
    }

    @Test
    void the_mail_carries_the_message_key_of_its_idempotency_key() throws Exception {
        String input = envelope("e-1", "send-assessment", BRIEF_PAYLOAD);
        Invocations.invoke(new SendAssessmentHandler(environment), input);

        String expected = HiringIdempotencyKeys.assessment(HiringEvents.parse(Invocations.JSON.readTree(input), Invocations.CLOCK))
                .messageKey();
        assertThat(Invocations.open(mailer.sent().get(0)).getHeader(MimeEmails.MESSAGE_KEY_HEADER)).containsExactly(expected);
    }

    @Test
    void an_attempt_holds_its_key_no_longer_than_the_invocation_has_left() throws Exception {
        List<IdempotencyRecord> claims = new CopyOnWriteArrayList<>();
        IdempotencyStore recordingClaims = new ForwardingIdempotencyStore(idempotency) {
            @Override
            public Optional<IdempotencyRecord> putIfAbsent(IdempotencyRecord claim, Instant now) {
                claims.add(claim);
                return super.putIfAbsent(claim, now);
            }
        };
        FunctionEnvironment observed = environment.withStores(new FunctionStores(recordingClaims,
                new InMemoryInterviewStore(), new InMemoryPipelineStore(), new InMemoryRosterStore()));

        new SendAssessmentHandler(observed).handleRequest(new ByteArrayInputStream(
                envelope("e-1", "send-assessment", BRIEF_PAYLOAD).getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                remaining(12_000));

        assertThat(claims).singleElement().satisfies(claim ->
                assertThat(claim.lockedUntil()).isEqualTo(Invocations.CLOCK.instant().plusSeconds(12)));
        assertThat(mailer.sent()).hasSize(1);
    }
}
