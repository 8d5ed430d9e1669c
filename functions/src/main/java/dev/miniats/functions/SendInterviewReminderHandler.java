package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.idempotency.IdempotencyKey;
import dev.miniats.core.mail.EmailMessage;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.MimeEmails;

import java.util.Set;

/**
 * {@code send-interview-reminder}: run by the interview's one-time schedule ({@link InterviewReminders})
 * 24 hours before it, with the interview's detail as input. Sends the candidate a reminder and
 * the hiring team (the event's {@code fromEmail}) a brief, each once per interview and start time,
 * so a schedule that fires again, or a retried invocation, sends nothing twice.
 */
public final class SendInterviewReminderHandler extends HiringHandler {
    private final Mailer mailer;
    private final MimeEmails mime;
    private final HiringEmails emails;

    /** Lambda's entry point: configuration from the environment. */
    public SendInterviewReminderHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public SendInterviewReminderHandler(FunctionEnvironment environment) {
        super(environment, Set.of(DetailType.SCHEDULE_INTERVIEW, DetailType.RESCHEDULE_INTERVIEW));
        this.mailer = environment.mailer();
        this.mime = new MimeEmails(environment.clock());
        this.emails = environment.emails();
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        var detail = event.detail();
        String revision = detail.interview().interviewId() + "#" + detail.interview().start();
        ObjectNode reminder = once(event, context, log, IdempotencyKey.of("interview-reminder#" + detail.candidateId() + "#" + revision,
                        detail.toEmail().address(), "the reminder of this interview at this time was already sent"),
                messageKey -> sent(event, mailer.send(mime.alternative(Messages.toCandidate(event, emails.interviewReminder(event), messageKey)))));
        ObjectNode brief = once(event, context, log, IdempotencyKey.of("interviewer-brief#" + detail.candidateId() + "#" + revision,
                        detail.fromEmail().address(), "the brief of this interview at this time was already sent"),
                messageKey -> sent(event, mailer.send(mime.alternative(new EmailMessage(detail.fromEmail(), detail.companyName(),
                        detail.fromEmail(), detail.companyName() + " hiring team", emails.interviewerBrief(event), messageKey)))));
        reminder.put("briefMessageId", brief.path("messageId").asText(null));
        return reminder;
    }
}
