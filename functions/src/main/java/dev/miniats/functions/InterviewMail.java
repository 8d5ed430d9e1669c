package dev.miniats.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.Context;
import dev.miniats.core.calendar.CalendarInvite;
import dev.miniats.core.calendar.CalendarMethod;
import dev.miniats.core.calendar.InterviewCalendars;
import dev.miniats.core.calendar.InvitedInterview;
import dev.miniats.core.calendar.InvitedInterviews;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.mail.EmailContent;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.MimeEmails;

/**
 * Sends one interview email with its invite, and records the invite as the interview's latest
 * so a calendar reply can be matched to it ({@link InvitedInterviews}); shared by the three
 * interview handlers. Thread-safe.
 */
final class InterviewMail {
    final HiringEmails emails;
    final InterviewCalendars calendars;
    private final Mailer mailer;
    private final MimeEmails mime;
    private final InvitedInterviews invited;

    InterviewMail(FunctionEnvironment environment) {
        this.emails = environment.emails();
        this.calendars = new InterviewCalendars(environment.clock());
        this.mailer = environment.mailer();
        this.mime = new MimeEmails(environment.clock());
        this.invited = environment.stores().invited();
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

    /**
     * Records the invite {@code result} says was sent (by this run or, replayed, an earlier one)
     * as the interview's latest; a later revision already recorded stays. After the mail, so a
     * reply can only match an invite the candidate was sent; every run records, so a crash
     * between the mail and the record is mended by the retry.
     */
    void recordInvite(HiringEvent event, ObjectNode detail, Context context, FunctionLog log, ObjectNode result) {
        if (invited == InvitedInterviews.NONE) {
            return; // the local runtime matches replies from its event log
        }
        InvitedInterview latest = new InvitedInterview(result.path("uid").asText(), event.detail().candidateId(),
                event.detail().interview().interviewId(), HiringHandler.eventId(event, context), result.path("sequence").asInt(),
                event.detail().toEmail().address(), CalendarMethod.CANCEL.wireName().equals(result.path("method").asText()));
        boolean recorded = invited.record(latest, event.detail().fromEmail().address(), detail.toString());
        log.info(recorded ? "invite recorded" : "invite not recorded: a later revision is on record", "uid", latest.uid(),
                "sequence", Integer.toString(latest.sequence()));
    }
}
