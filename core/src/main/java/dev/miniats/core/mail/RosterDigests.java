package dev.miniats.core.mail;

import dev.miniats.core.event.EmailAddress;
import dev.miniats.core.roster.RosterCsv;
import dev.miniats.core.roster.RosterEntry;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partner roster digest: one email to a partner's coordinator listing the candidates of an
 * on-site testing day with their event ids, rendered from the {@value #TEMPLATE} templates
 * (overridable like the hiring emails), with the day's roster attached as CSV
 * ({@link RosterCsv}, formula cells neutralised). Thread-safe.
 */
public final class RosterDigests {
    public static final String TEMPLATE = "roster-digest";

    private final EmailTemplates templates;
    private final MimeEmails mime;

    public RosterDigests(EmailTemplates templates, MimeEmails mime) {
        this.templates = templates;
        this.mime = mime;
    }

    /** The digest of {@code company}'s {@code day} as a complete MIME message from {@code from} to {@code to}. */
    public RawEmail compose(EmailAddress from, EmailAddress to, String company, LocalDate day, List<RosterEntry> entries) {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(day, "day");
        EmailContent content = templates.render(TEMPLATE, model(company, day, entries));
        Attachment csv = new Attachment("roster-" + day + ".csv", "text/csv; charset=UTF-8",
                RosterCsv.render(entries).getBytes(StandardCharsets.UTF_8));
        return mime.withAttachments(new EmailMessage(from, null, to, null, content), List.of(csv));
    }

    private static Map<String, Object> model(String company, LocalDate day, List<RosterEntry> entries) {
        Map<String, Object> model = new HashMap<>();
        model.put("company", company);
        model.put("day", day.toString());
        model.put("count", entries.size());
        model.put("candidates", entries.stream()
                .map(e -> Map.of("candidateName", e.candidateName(), "eventId", e.eventId(), "candidateId", e.candidateId()))
                .toList());
        return model;
    }
}
