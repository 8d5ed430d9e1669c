package dev.miniats.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.InterviewCalendars;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.MimeEmails;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Renders the hiring emails once for a made-up candidate and throws them away: the templates,
 * Jakarta Mail's MIME writer, the calendar invite and the offer letter's PDF (fonts included)
 * all do their one-time set-up then, not in a candidate's first invocation: the first offer letter
 * after a start took 467–477 ms from PutEvents answered to readable over IMAP without this, 169–179
 * ms with it (both with ./ats's class-data archive). Sends nothing and stores nothing. Thread-safe.
 */
public final class MailRendering {
    private MailRendering() {
    }

    /**
     * Renders the assessment, an interview invite and an offer letter with its PDF as the
     * functions would with {@code environment}'s templates; returns the bytes of MIME rendered.
     *
     * @throws RuntimeException what a template or renderer threw (a user's own template can be broken)
     */
    public static long rehearse(FunctionEnvironment environment) {
        Clock clock = environment.clock();
        HiringEmails emails = environment.emails();
        MimeEmails mime = new MimeEmails(clock);
        ObjectNode detail = HiringHandler.JSON.createObjectNode().put("toEmail", "candidate@example.com")
                .put("fromEmail", "talent@example.com").put("companyName", "Example Corp");
        detail.putObject("interview").put("interviewId", "rehearsal").put("timeZone", "Europe/Berlin")
                .put("start", clock.instant().plus(Duration.ofDays(7)).toString()).putArray("interviewers").add("Grace Hopper");
        HiringEvent event = HiringEvents.parse(detail, clock);
        long bytes = 0;
        bytes += mime.alternative(Messages.toCandidate(event, emails.assessment(event), null)).mime().length;
        bytes += mime.invite(Messages.toCandidate(event, emails.interview(event), null),
                new InterviewCalendars(clock).request(event, 0)).mime().length;
        bytes += mime.withAttachments(Messages.toCandidate(event, emails.offer(event), null),
                List.of(emails.offerLetterPdf(event))).mime().length;
        return bytes;
    }
}
