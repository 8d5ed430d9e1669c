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
 * {@code reschedule-interview}: sends the updated invite, same UID and the next SEQUENCE, so the
 * candidate's calendar moves the event it has; each distinct new time or place is sent once.
 */
public final class RescheduleInterviewHandler extends HiringHandler {
    private final InterviewMail mail;
    private final InterviewReminders reminders;
    private final InterviewStore interviews;

    /** Lambda's entry point: configuration from the environment. */
    public RescheduleInterviewHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public RescheduleInterviewHandler(FunctionEnvironment environment) {
        super(environment, Set.of(DetailType.RESCHEDULE_INTERVIEW));
        this.mail = new InterviewMail(environment);
        this.reminders = environment.reminders();
        this.interviews = environment.stores().interviews();
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        IdempotencyKey key = HiringIdempotencyKeys.rescheduleInterview(event);
        return once(event, context, log, key, messageKey -> {
            reminders.remind(event); // before the mail: if it fails, nothing was sent and the retry does both
            // Keyed by the revision: a run again after a crash gets the SEQUENCE of the first run.
            int sequence = interviews.sequenceFor(event.detail().candidateId(), event.detail().interview().interviewId(), key.value());
            return mail.send(event, mail.emails.rescheduledInterview(event), mail.calendars.request(event, sequence), messageKey);
        });
    }

    @Override
    protected void handled(HiringEvent event, ObjectNode detail, Context context, FunctionLog log, ObjectNode result) {
        mail.recordInvite(event, detail, context, log, result);
    }
}
