package dev.miniats.core.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses function input into a {@link HiringEvent}. Thread-safe and stateless.
 *
 * <p>Input is either an EventBridge envelope (an object with {@code detail-type} and
 * {@code detail}) or the bare detail, as the brief tests its lambdas. Defaults, relative to the
 * event's time:
 * <ul>
 *   <li>{@code candidateId}: {@code toEmail} lower-cased; {@code candidateName}: from the local part
 *       of {@code toEmail} ("ada.lovelace" → "Ada Lovelace");</li>
 *   <li>{@code assessment.dueDate}: 7 days after the event; {@code assessment.link}: none;</li>
 *   <li>{@code interview.interviewId}: {@code interview-1}; {@code interview.start}: the next day at
 *       10:00 in {@code interview.timeZone} (default UTC); {@code durationMinutes}: 45;</li>
 *   <li>{@code offer.position}: "the position you applied for"; {@code offer.respondBy}: 14 days
 *       after the event;</li>
 *   <li>{@code partner.testingDay} (partner companies' on-site testing day): 7 days after the event;</li>
 *   <li>{@code assessment.score} ({@code assessment-completed}) and {@code reason} ({@code reject-candidate},
 *       kept internal, never mailed): none.</li>
 * </ul>
 */
public final class HiringEvents {
    private HiringEvents() {
    }

    public static HiringEvent parse(JsonNode input, Clock clock) {
        if (input == null || !input.isObject()) {
            throw new InvalidEventException("event", input == null ? null : abbreviated(input), "a JSON object");
        }
        if (input.has("detail") && (input.has("detail-type") || input.has("source"))) {
            return parseEnvelope(input, clock);
        }
        return new HiringEvent(Optional.empty(), Optional.empty(), clock.instant(), parseDetail(input, clock.instant()));
    }

    private static HiringEvent parseEnvelope(JsonNode envelope, Clock clock) {
        JsonNode detail = envelope.get("detail");
        if (!detail.isObject()) {
            throw new InvalidEventException("detail", abbreviated(detail), "a JSON object");
        }
        Optional<DetailType> type = Optional.ofNullable(envelope.path("detail-type").textValue())
                .flatMap(DetailType::fromWireName);
        Optional<String> id = Optional.ofNullable(envelope.path("id").textValue());
        Instant time = clock.instant();
        String rawTime = envelope.path("time").textValue();
        if (rawTime != null) {
            try {
                time = Instant.parse(rawTime);
            } catch (DateTimeException e) {
                throw new InvalidEventException("time", rawTime, "an ISO-8601 UTC timestamp");
            }
        }
        return new HiringEvent(id, type, time, parseDetail(detail, time));
    }

    static CandidateDetail parseDetail(JsonNode detail, Instant eventTime) {
        Fields top = new Fields(detail, "detail");
        EmailAddress to = EmailAddress.parse("detail.toEmail", top.text("toEmail"));
        EmailAddress from = EmailAddress.parse("detail.fromEmail", top.text("fromEmail"));
        String company = top.line("companyName", CandidateDetail.MAX_NAME_LENGTH, null);
        String candidateId = top.text("candidateId");
        if (candidateId == null || candidateId.isBlank()) {
            candidateId = CandidateDetail.defaultCandidateId(to);
        }
        String name = top.line("candidateName", CandidateDetail.MAX_NAME_LENGTH, CandidateDetail.defaultCandidateName(to));
        LocalDate eventDay = eventTime.atZone(ZoneOffset.UTC).toLocalDate();
        return new CandidateDetail(to, from, company, candidateId, name,
                assessment(Fields.of(detail, "assessment", "detail.assessment"), eventDay),
                interview(Fields.of(detail, "interview", "detail.interview"), eventTime),
                offer(Fields.of(detail, "offer", "detail.offer"), eventDay),
                new Partner(Fields.of(detail, "partner", "detail.partner")
                        .date("testingDay", eventDay.plusDays(Partner.DEFAULT_DAYS_TO_TESTING_DAY))),
                top.optionalLine("reason", CandidateDetail.MAX_REASON_LENGTH));
    }

    private static Assessment assessment(Fields f, LocalDate eventDay) {
        return new Assessment(f.url("link"), f.date("dueDate", eventDay.plusDays(Assessment.DEFAULT_DAYS_TO_COMPLETE)),
                f.optionalInteger("score", 0, Assessment.MAX_SCORE));
    }

    private static Interview interview(Fields f, Instant eventTime) {
        String id = f.text("interviewId");
        if (id == null || id.isBlank()) {
            id = Interview.DEFAULT_ID;
        } else if (!CandidateDetail.ID.matcher(id).matches()) {
            throw new InvalidEventException(f.path("interviewId"), id,
                    "1 to " + CandidateDetail.MAX_ID_LENGTH + " characters of letters, digits and . _ @ + : -");
        }
        ZoneId zone = ZoneId.of("UTC");
        String rawZone = f.text("timeZone");
        if (rawZone != null && !rawZone.isBlank()) {
            try {
                zone = ZoneId.of(rawZone.strip());
            } catch (DateTimeException e) {
                throw new InvalidEventException(f.path("timeZone"), rawZone, "an IANA time zone like Europe/Berlin");
            }
        }
        Instant defaultStart = eventTime.atZone(zone).toLocalDate().plusDays(1).atTime(10, 0).atZone(zone).toInstant();
        Instant start = f.instant("start", defaultStart).truncatedTo(ChronoUnit.SECONDS);
        int minutes = f.integer("durationMinutes", Interview.DEFAULT_DURATION_MINUTES, 5, 480);
        List<String> interviewers = new ArrayList<>();
        if (f.present()) {
            interviewers = interviewers(f);
        }
        return new Interview(id, start, Duration.ofMinutes(minutes), zone,
                f.optionalLine("location", 500), f.url("meetingLink"), interviewers);
    }

    private static List<String> interviewers(Fields f) {
        List<String> names = new ArrayList<>();
        JsonNode list = f.present() ? f.raw().get("interviewers") : null;
        if (list == null || list.isNull()) {
            return names;
        }
        if (!list.isArray() || list.size() > 20) {
            throw new InvalidEventException(f.path("interviewers"), abbreviated(list), "an array of at most 20 names");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode name = list.get(i);
            String path = f.path("interviewers") + "[" + i + "]";
            if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > CandidateDetail.MAX_NAME_LENGTH
                    || name.asText().matches("(?s).*[\\r\\n\\x00].*")) {
                throw new InvalidEventException(path, abbreviated(name), "a single-line name of at most 200 characters");
            }
            names.add(name.asText().strip());
        }
        return names;
    }

    private static Offer offer(Fields f, LocalDate eventDay) {
        return new Offer(f.line("position", CandidateDetail.MAX_NAME_LENGTH, Offer.DEFAULT_POSITION),
                f.optionalLine("compensation", CandidateDetail.MAX_NAME_LENGTH),
                f.date("startDate", null),
                f.date("respondBy", eventDay.plusDays(Offer.DEFAULT_DAYS_TO_RESPOND)),
                f.url("acceptLink"));
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
