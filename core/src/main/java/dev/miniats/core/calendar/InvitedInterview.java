package dev.miniats.core.calendar;

import java.util.Locale;
import java.util.Objects;

/**
 * What the organizer knows of an interview a reply may answer: its latest invite.
 *
 * @param uid         the invite's UID ({@link InterviewCalendars#uid})
 * @param candidateId the candidate invited
 * @param interviewId the interview
 * @param eventId     the event whose invite is the latest (schedule, reschedule or cancel)
 * @param sequence    the SEQUENCE of that latest invite
 * @param attendee    the candidate's address the invite was sent to
 * @param cancelled   whether the latest invite cancelled the interview
 */
public record InvitedInterview(String uid, String candidateId, String interviewId, String eventId, int sequence,
                               String attendee, boolean cancelled) {
    public InvitedInterview {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(interviewId, "interviewId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(attendee, "attendee");
        attendee = attendee.toLowerCase(Locale.ROOT);
    }
}
