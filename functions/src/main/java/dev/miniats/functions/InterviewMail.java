package dev.miniats.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.CalendarInvite;
import dev.miniats.core.calendar.InterviewCalendars;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.mail.EmailContent;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.MimeEmails;

/** Sends one interview email with its invite; shared by the three interview handlers. Thread-safe. */
final class InterviewMail {
    final HiringEmails emails;
    final InterviewCalendars calendars;
    private final Mailer mailer;
    private final MimeEmails mime;

    InterviewMail(FunctionEnvironment environment) {
        this.emails = environment.emails();
        this.calendars = new InterviewCalendars(environment.clock());
        this.mailer = environment.mailer();
        this.mime = new MimeEmails(environment.clock());
    }

    ObjectNode send(HiringEvent event, EmailContent content, CalendarInvite invite, String messageKey) {
        String messageId = mailer.send(mime.invite(Messages.toCandidate(event, content, messageKey), invite));
        ObjectNode result = HiringHandler.sent(event, messageId);
        result.put("interviewId", event.detail().interview().interviewId());
        result.put("uid", invite.uid());
        result.put("sequence", invite.sequence());
        result.put("method", invite.method().wireName());
        return result;
    }
}
