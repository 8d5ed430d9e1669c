package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.idempotency.HiringIdempotencyKeys;

import java.util.Set;

/**
 * {@code schedule-interview}: sends the candidate the interview invitation (SEQUENCE 0), once per
 * interview however many events ask; the same interview at another time is refused with advice
 * to send {@code reschedule-interview}.
 */
public final class ScheduleInterviewHandler extends HiringHandler {
    private final InterviewMail mail;
    private final InterviewReminders reminders;

    /** Lambda's entry point: configuration from the environment. */
    public ScheduleInterviewHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public ScheduleInterviewHandler(FunctionEnvironment environment) {
        super(environment, Set.of(DetailType.SCHEDULE_INTERVIEW));
        this.mail = new InterviewMail(environment);
        this.reminders = environment.reminders();
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        return once(event, context, log, HiringIdempotencyKeys.scheduleInterview(event), messageKey -> {
            reminders.remind(event); // before the mail: if it fails, nothing was sent and the retry does both
            return mail.send(event, mail.emails.interview(event), mail.calendars.request(event, 0), messageKey);
        });
    }

    @Override
    protected void handled(HiringEvent event, ObjectNode detail, Context context, FunctionLog log, ObjectNode result) {
        mail.recordInvite(event, detail, context, log, result);
    }
}
