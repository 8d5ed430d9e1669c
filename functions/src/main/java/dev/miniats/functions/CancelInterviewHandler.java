package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.InterviewStore;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.idempotency.HiringIdempotencyKeys;
import dev.miniats.core.idempotency.IdempotencyKey;

import java.util.Set;

/**
 * {@code cancel-interview}: sends {@code METHOD:CANCEL} with {@code STATUS:CANCELLED}, same UID
 * and the next SEQUENCE, so the candidate's calendar removes the event; sent once per interview.
 */
public final class CancelInterviewHandler extends HiringHandler {
    private final InterviewMail mail;
    private final InterviewReminders reminders;
    private final InterviewStore interviews;

    /** Lambda's entry point: configuration from the environment. */
    public CancelInterviewHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public CancelInterviewHandler(FunctionEnvironment environment) {
        super(environment, Set.of(DetailType.CANCEL_INTERVIEW));
        this.mail = new InterviewMail(environment);
        this.reminders = environment.reminders();
        this.interviews = environment.stores().interviews();
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        IdempotencyKey key = HiringIdempotencyKeys.cancelInterview(event);
        return once(event, context, log, key, messageKey -> {
            reminders.cancel(event); // before the mail: if it fails, nothing was sent and the retry does both
            // Keyed by the revision: a run again after a crash gets the SEQUENCE of the first run.
            int sequence = interviews.sequenceFor(event.detail().candidateId(), event.detail().interview().interviewId(), key.value());
            return mail.send(event, mail.emails.cancelledInterview(event), mail.calendars.cancel(event, sequence), messageKey);
        });
    }

    @Override
    protected void handled(HiringEvent event, ObjectNode detail, Context context, FunctionLog log, ObjectNode result) {
        mail.recordInvite(event, detail, context, log, result);
    }
}
