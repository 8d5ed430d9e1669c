package dev.miniats.core.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The detail of the event a calendar reply publishes ({@code interview-confirmed} or
 * {@code interview-declined}): the asking event's detail, so the answer names the same
 * candidate and interview, plus {@code inReplyTo} (the asking event's id) and
 * {@code calendarReply} ({@code uid}, {@code sequence}, {@code partStat}, {@code attendee}).
 * The same shape locally and on AWS. Stateless and thread-safe.
 */
public final class ReplyAnswers {
    private ReplyAnswers() {
    }

    /** A new detail; {@code askingDetail} is left unchanged. */
    public static ObjectNode detail(ObjectNode askingDetail, String inReplyTo, CalendarReply reply) {
        ObjectNode detail = askingDetail.deepCopy();
        detail.put("inReplyTo", inReplyTo);
        detail.putObject("calendarReply").put("uid", reply.uid()).put("sequence", reply.sequence())
                .put("partStat", reply.partStat().name()).put("attendee", reply.attendee());
        return detail;
    }
}
