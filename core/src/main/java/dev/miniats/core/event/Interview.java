package dev.miniats.core.event;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The interview stage. {@code interviewId} is the interview's identity: every event about the
 * same interview (schedule, reschedule, cancel) carries the same id, and the calendar UID is
 * derived from it.
 *
 * @param interviewId  stable id of this interview for this candidate; defaults to {@code interview-1}
 * @param start        start instant (UTC)
 * @param duration     length of the interview, 5 minutes to 8 hours
 * @param timeZone     the zone the invite is shown in
 * @param location     a room or address; may be null
 * @param meetingLink  a video call link; may be null
 * @param interviewers names of the interviewers, possibly empty
 */
public record Interview(String interviewId, Instant start, Duration duration, ZoneId timeZone,
                        String location, String meetingLink, List<String> interviewers) {
    public static final String DEFAULT_ID = "interview-1";
    public static final int DEFAULT_DURATION_MINUTES = 45;

    public Interview {
        Objects.requireNonNull(interviewId, "interviewId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timeZone, "timeZone");
        interviewers = List.copyOf(interviewers);
    }

    public Instant end() {
        return start.plus(duration);
    }
}
