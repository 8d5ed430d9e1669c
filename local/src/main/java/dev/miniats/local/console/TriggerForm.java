package dev.miniats.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvents;
import dev.miniats.core.event.InvalidEventException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The trigger form of one detail-type: which inputs it has, the {@code detail} JSON they make, and
 * the contract's verdict on it ({@link HiringEvents#parse}), placed next to the offending input.
 * Input names are the detail's JSON paths without {@code detail.}, e.g. {@code interview.start}.
 */
final class TriggerForm {
    /** One input as the template shows it. */
    record Field(String name, String label, String type, String hint, String value, String error) {
        public String id() {
            return "f-" + name.replace('.', '-');
        }
    }

    private record Spec(String name, String label, String type, String hint) {
    }

    private static final List<Spec> COMMON = List.of(
            new Spec("toEmail", "Candidate email (toEmail)", "email", "Required."),
            new Spec("fromEmail", "From (fromEmail)", "email", "Required: the hiring team's address."),
            new Spec("companyName", "Company (companyName)", "text", "Required. A partner company's candidates go to the roster, not email."),
            new Spec("candidateName", "Candidate name", "text", "Default: from the email address."),
            new Spec("candidateId", "Candidate id", "text", "Default: the email address, lower-cased."));
    private static final Spec INTERVIEW_ID = new Spec("interview.interviewId", "Interview id", "text", "Default: interview-1.");
    private static final Map<DetailType, List<Spec>> STAGE = Map.of(
            DetailType.SEND_ASSESSMENT, List.of(
                    new Spec("assessment.link", "Assessment link", "url", "An http or https URL."),
                    new Spec("assessment.dueDate", "Due date", "date", "Default: 7 days from now.")),
            DetailType.SCHEDULE_INTERVIEW, interviewSpecs(),
            DetailType.RESCHEDULE_INTERVIEW, interviewSpecs(),
            DetailType.CANCEL_INTERVIEW, List.of(INTERVIEW_ID),
            DetailType.SEND_OFFER_LETTER, List.of(
                    new Spec("offer.position", "Position", "text", "Default: the position you applied for."),
                    new Spec("offer.compensation", "Compensation", "text", "Optional."),
                    new Spec("offer.startDate", "Start date", "date", "Optional."),
                    new Spec("offer.respondBy", "Respond by", "date", "Default: 14 days from now."),
                    new Spec("offer.acceptLink", "Accept link", "url", "An http or https URL.")));

    private static List<Spec> interviewSpecs() {
        return List.of(INTERVIEW_ID,
                new Spec("interview.start", "Start (UTC)", "text", "Like 2026-12-01T15:00:00Z. Default: tomorrow 10:00."),
                new Spec("interview.timeZone", "Time zone", "text", "An IANA zone like Europe/Berlin. Default: UTC."),
                new Spec("interview.durationMinutes", "Duration (minutes)", "number", "5 to 480. Default: 45."),
                new Spec("interview.location", "Location", "text", "Optional."),
                new Spec("interview.meetingLink", "Meeting link", "url", "Optional."),
                new Spec("interview.interviewers", "Interviewers", "text", "Names, separated by commas."));
    }

    private final DetailType type;
    private final Map<String, String> values;

    private TriggerForm(DetailType type, Map<String, String> values) {
        this.type = type;
        this.values = values;
    }

    /** The form filled from request parameters (or a candidate's last event); unknown names are ignored. */
    static TriggerForm of(DetailType type, Function<String, String> param) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Spec spec : specs(type)) {
            String v = param.apply(spec.name());
            if (v != null) {
                values.put(spec.name(), v);
            }
        }
        return new TriggerForm(type, values);
    }

    static List<Spec> specs(DetailType type) {
        List<Spec> all = new ArrayList<>(COMMON);
        all.addAll(STAGE.get(type));
        return all;
    }

    DetailType type() {
        return type;
    }

    /** The {@code detail} the inputs make: blank inputs are left out, so the contract's defaults apply. */
    ObjectNode detail() {
        ObjectNode detail = Json.MAPPER.createObjectNode();
        values.forEach((name, raw) -> {
            String value = raw.strip();
            if (value.isEmpty()) {
                return;
            }
            ObjectNode parent = detail;
            String leaf = name;
            int dot = name.indexOf('.');
            if (dot > 0) {
                parent = detail.has(name.substring(0, dot)) ? (ObjectNode) detail.get(name.substring(0, dot))
                        : detail.putObject(name.substring(0, dot));
                leaf = name.substring(dot + 1);
            }
            if (leaf.equals("interviewers")) {
                ArrayNode list = parent.putArray(leaf);
                for (String person : value.split(",")) {
                    if (!person.isBlank()) {
                        list.add(person.strip());
                    }
                }
            } else if (leaf.equals("durationMinutes") && value.matches("-?\\d{1,9}")) {
                parent.put(leaf, Integer.parseInt(value));
            } else {
                parent.put(leaf, value);
            }
        });
        return detail;
    }

    /** The contract's objection to this form's detail, if any. */
    Optional<InvalidEventException> problem(Clock clock) {
        try {
            HiringEvents.parse(detail(), clock);
            return Optional.empty();
        } catch (InvalidEventException e) {
            return Optional.of(e);
        }
    }

    /** The input an error is about: {@code detail.interview.interviewers[2]} is {@code interview.interviewers}. */
    static String inputFor(String field) {
        String path = field == null ? "" : field.replaceFirst("^detail\\.?", "").replaceAll("\\[\\d+]$", "");
        return path;
    }

    /** The inputs for the template, with {@code error} next to the one it is about. */
    List<Field> fields(InvalidEventException error) {
        String errorInput = error == null ? null : inputFor(error.field());
        List<Field> out = new ArrayList<>();
        for (Spec spec : specs(type)) {
            out.add(new Field(spec.name(), spec.label(), spec.type(), spec.hint(), values.getOrDefault(spec.name(), ""),
                    spec.name().equals(errorInput) ? error.getMessage() : null));
        }
        return out;
    }

    /** Whether {@code error} names one of this form's inputs (otherwise it is shown above the form). */
    boolean hasInputFor(InvalidEventException error) {
        String input = inputFor(error.field());
        return specs(type).stream().anyMatch(s -> s.name().equals(input));
    }

    /** The values of a candidate's last event worth carrying into the next step's form. */
    static Map<String, String> carriedOver(JsonNode detail) {
        Map<String, String> carried = new LinkedHashMap<>();
        for (String name : List.of("toEmail", "fromEmail", "companyName", "candidateName", "candidateId")) {
            JsonNode v = detail.get(name);
            if (v != null && v.isTextual()) {
                carried.put(name, v.asText());
            }
        }
        JsonNode interviewId = detail.path("interview").get("interviewId");
        if (interviewId != null && interviewId.isTextual()) {
            carried.put("interview.interviewId", interviewId.asText());
        }
        return carried;
    }
}
