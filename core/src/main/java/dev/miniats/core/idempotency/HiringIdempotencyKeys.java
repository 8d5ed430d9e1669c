package dev.miniats.core.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.CandidateDetail;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.Interview;

/**
 * The idempotency key of each hiring effect, from business fields only (never the event id):
 * <ul>
 *   <li>{@code send-assessment#<candidateId>} and {@code send-offer-letter#<candidateId>}: one
 *       assessment and one offer per candidate while the record lives;</li>
 *   <li>{@code schedule-interview#<candidateId>#<interviewId>}: one invite per interview, however
 *       many events ask for it; the same interview at another time is refused and the error says
 *       to send {@code reschedule-interview};</li>
 *   <li>{@code reschedule-interview#<candidateId>#<interviewId>#<payload hash>}: each distinct
 *       new time or place is one update; a repeat of the same reschedule sends nothing;</li>
 *   <li>{@code cancel-interview#<candidateId>#<interviewId>}: one cancellation per interview;</li>
 *   <li>{@code reject-candidate#<candidateId>}: one rejection mail per candidate.</li>
 * </ul>
 * The payload hash covers the recipient, sender, company, candidate name and the stage's
 * fields, so a duplicate with other content is noticed instead of silently dropped.
 * Stateless and thread-safe.
 */
public final class HiringIdempotencyKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HiringIdempotencyKeys() {
    }

    public static IdempotencyKey assessment(HiringEvent event) {
        CandidateDetail detail = event.detail();
        ObjectNode payload = contact(detail);
        payload.put("link", detail.assessment().link());
        payload.put("dueDate", detail.assessment().dueDate().toString());
        return IdempotencyKey.of(join(DetailType.SEND_ASSESSMENT, detail.candidateId()), payload.toString(),
                "candidate " + detail.candidateId() + " was already sent a different assessment; "
                        + "the first one stands until its idempotency record expires");
    }

    public static IdempotencyKey offer(HiringEvent event) {
        CandidateDetail detail = event.detail();
        ObjectNode payload = contact(detail);
        var offer = detail.offer();
        payload.put("position", offer.position());
        payload.put("compensation", offer.compensation());
        payload.put("startDate", offer.startDate() == null ? null : offer.startDate().toString());
        payload.put("respondBy", offer.respondBy().toString());
        payload.put("acceptLink", offer.acceptLink());
        return IdempotencyKey.of(join(DetailType.SEND_OFFER_LETTER, detail.candidateId()), payload.toString(),
                "candidate " + detail.candidateId() + " was already sent a different offer letter; "
                        + "the first one stands until its idempotency record expires");
    }

    public static IdempotencyKey scheduleInterview(HiringEvent event) {
        CandidateDetail detail = event.detail();
        String interviewId = detail.interview().interviewId();
        return IdempotencyKey.of(join(DetailType.SCHEDULE_INTERVIEW, detail.candidateId(), interviewId), interviewPayload(detail),
                "interview " + interviewId + " of candidate " + detail.candidateId()
                        + " was already scheduled with other details; to change its time or place send reschedule-interview");
    }

    public static IdempotencyKey rescheduleInterview(HiringEvent event) {
        CandidateDetail detail = event.detail();
        String payload = interviewPayload(detail);
        return IdempotencyKey.of(join(DetailType.RESCHEDULE_INTERVIEW, detail.candidateId(),
                        detail.interview().interviewId(), IdempotencyKey.sha256(payload)), payload,
                "the key already includes the payload hash, so this cannot happen");
    }

    public static IdempotencyKey rejection(HiringEvent event) {
        CandidateDetail detail = event.detail();
        return IdempotencyKey.of(join(DetailType.REJECT_CANDIDATE, detail.candidateId()), contact(detail).toString(),
                "candidate " + detail.candidateId() + " was already sent a rejection with other contact details; it was sent once");
    }

    public static IdempotencyKey cancelInterview(HiringEvent event) {
        CandidateDetail detail = event.detail();
        String interviewId = detail.interview().interviewId();
        ObjectNode payload = contact(detail);
        return IdempotencyKey.of(join(DetailType.CANCEL_INTERVIEW, detail.candidateId(), interviewId), payload.toString(),
                "interview " + interviewId + " of candidate " + detail.candidateId()
                        + " was already cancelled with other contact details; the cancellation was sent once");
    }

    private static String interviewPayload(CandidateDetail detail) {
        Interview interview = detail.interview();
        ObjectNode payload = contact(detail);
        payload.put("start", interview.start().toString());
        payload.put("durationMinutes", interview.duration().toMinutes());
        payload.put("timeZone", interview.timeZone().getId());
        payload.put("location", interview.location());
        payload.put("meetingLink", interview.meetingLink());
        ArrayNode interviewers = payload.putArray("interviewers");
        interview.interviewers().forEach(interviewers::add);
        return payload.toString();
    }

    private static ObjectNode contact(CandidateDetail detail) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("toEmail", detail.toEmail().address());
        payload.put("fromEmail", detail.fromEmail().address());
        payload.put("companyName", detail.companyName());
        payload.put("candidateName", detail.candidateName());
        return payload;
    }

    private static String join(DetailType type, String... parts) {
        return type.wireName() + "#" + String.join("#", parts);
    }
}
