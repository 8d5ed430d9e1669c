package dev.miniats.local.replies;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.CalendarReplies;
import dev.miniats.core.calendar.CalendarReply;
import dev.miniats.core.calendar.InvalidCalendarReplyException;
import dev.miniats.core.calendar.ReplyDecision;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.local.aws.Json;
import dev.miniats.local.aws.QueryStrings;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.PutEventsEntry;
import dev.miniats.local.events.PutEventsResult;
import dev.miniats.local.mail.InboundMailListener;
import dev.miniats.local.sqlite.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns calendar replies mailed to an interview's organizer into the candidate's answer: an iTIP
 * {@code REPLY} received by the local SMTP server is read ({@link CalendarReplies}), matched to the
 * interview by UID, SEQUENCE and attendee ({@link ReplyDecision}), and {@code interview-confirmed}
 * or {@code interview-declined} is published through {@link EventBus#put} (the PutEvents path),
 * once per answer: the same reply received again publishes nothing, a changed answer publishes the
 * new one. Every reply is recorded with what it did ({@code GET /_ats/calendar-replies}), including
 * those that changed nothing. Mail without an iCalendar REPLY is not a reply and is ignored.
 *
 * <p>Thread-safe; GreenMail calls it one message at a time.
 */
public final class CalendarReplyReceiver implements InboundMailListener {
    private static final Logger LOG = LoggerFactory.getLogger(CalendarReplyReceiver.class);
    /** Recorded for a reply whose answer was already published. */
    static final String DUPLICATE = "DUPLICATE";
    /** Recorded for a mail that announced a REPLY but could not be read as one. */
    static final String INVALID = "INVALID";

    private final InterviewInvites invites;
    private final ReplyRecords records;
    private final EventBus bus;
    private final String busName;

    public CalendarReplyReceiver(Database db, EventBus bus, String busName, Clock clock) {
        this.invites = new InterviewInvites(db, clock);
        this.records = new ReplyRecords(db, clock);
        this.bus = bus;
        this.busName = busName;
    }

    @Override
    public void received(byte[] raw, String recipient) {
        if (!mayBeReply(raw)) {
            return;
        }
        String to = recipient.toLowerCase(Locale.ROOT);
        List<CalendarReply> replies;
        try {
            replies = CalendarReplies.read(raw);
        } catch (InvalidCalendarReplyException e) {
            LOG.info("calendar reply to {} refused: {}", to, e.getMessage());
            records.record(to, null, null, INVALID, e.getMessage(), null);
            return;
        }
        for (CalendarReply reply : replies) {
            handle(reply, to);
        }
    }

    private void handle(CalendarReply reply, String recipient) {
        Optional<InterviewInvites.Found> found = invites.find(reply.uid());
        if (found.isPresent() && !found.get().organizer().equals(recipient)) {
            return; // a copy to someone else (a Cc); the organizer's copy is the one that answers
        }
        ReplyDecision decision = ReplyDecision.of(reply, found.map(InterviewInvites.Found::interview));
        var interview = found.map(InterviewInvites.Found::interview).orElse(null);
        if (decision.publish().isEmpty()) {
            LOG.info("calendar reply {} from {}: {}", reply.uid(), reply.attendee(), decision.reason());
            records.record(recipient, reply, interview, decision.outcome().name(), decision.reason(), null);
            return;
        }
        ReplyRecords.Claim claim = records.claim(reply);
        if (!claim.claimed()) {
            records.record(recipient, reply, interview, DUPLICATE, reply.attendee() + " already answered " + reply.partStat()
                    + " to SEQUENCE " + reply.sequence() + "; nothing published again", null);
            return;
        }
        ObjectNode detail = found.get().detail().deepCopy();
        detail.put("inReplyTo", interview.eventId());
        detail.putObject("calendarReply").put("uid", reply.uid()).put("sequence", reply.sequence())
                .put("partStat", reply.partStat().name()).put("attendee", reply.attendee());
        PutEventsResult result = bus.put(List.of(new PutEventsEntry(RoutingDeclaration.SOURCE, decision.publish().get().wireName(),
                detail.toString(), busName, null, List.of(), null)), null).get(0);
        if (result.eventId() == null) {
            records.release(reply, claim.before());
            String reason = "PutEvents refused the answer (" + result.errorCode() + ": " + result.errorMessage() + "); send the reply again";
            LOG.warn("calendar reply {} from {}: {}", reply.uid(), reply.attendee(), reason);
            records.record(recipient, reply, interview, INVALID, reason, null);
            return;
        }
        LOG.info("calendar reply {} from {}: {} as event {}", reply.uid(), reply.attendee(), decision.reason(), result.eventId());
        records.record(recipient, reply, interview, decision.outcome().name(), decision.reason(), result.eventId());
    }

    /** Cheap test before MIME parsing: iMIP says {@code method=REPLY} on the part and {@code METHOD:REPLY} inside. */
    private static boolean mayBeReply(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, CalendarReplies.MAX_MAIL_BYTES), StandardCharsets.ISO_8859_1)
                .toUpperCase(Locale.ROOT);
        return text.contains("METHOD=REPLY") || text.contains("METHOD=\"REPLY\"") || text.contains("METHOD:REPLY");
    }

    public void register(RoutesConfig routes) {
        routes.get("/_ats/calendar-replies", this::list);
    }

    /** One reply received and what it did: {@code eventId} is null when it changed nothing, and {@code reason} says why. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record Reply(long id, String receivedAt, String recipient, String uid, String attendee, Integer sequence, String partStat,
                 String candidateId, String interviewId, String outcome, String reason, String eventId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Replies(List<Reply> replies) {
    }

    /** {@code GET /_ats/calendar-replies?candidateId=&limit=}: the replies received, newest first. */
    private void list(Context ctx) {
        String candidateId = ctx.queryParam("candidateId");
        int limit = (int) QueryStrings.number(ctx, "limit", 50, 1, 500);
        Json.answer(ctx, "application/json", new Replies(replies(candidateId == null || candidateId.isBlank() ? null : candidateId.strip(), limit)));
    }

    /** The replies received, newest first; only those of {@code candidateId} unless it is null. */
    public List<Reply> replies(String candidateId, int limit) {
        return records.recent(candidateId, limit).stream().map(r -> new Reply(r.id(), Instant.ofEpochMilli(r.receivedAt()).toString(),
                r.recipient(), r.uid(), r.attendee(), r.sequence(), r.partStat(), r.candidateId(), r.interviewId(), r.outcome(),
                r.reason(), r.eventId())).toList();
    }
}
