package dev.miniats.core.mail;

import dev.miniats.core.event.EmailAddress;
import dev.miniats.core.roster.RosterEntry;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RosterDigestsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.parse("2026-12-19");
    private final RosterDigests digests = new RosterDigests(EmailTemplates.builtIn(), new MimeEmails(CLOCK));

    private static RosterEntry entry(String name, String eventId) {
        return new RosterEntry("R&D <Partners>", DAY, name.toLowerCase().replace(' ', '.') + "@example.com", name, eventId,
                Instant.parse("2026-12-01T08:00:00Z"));
    }

    private MimeMessage digest(List<RosterEntry> entries) throws Exception {
        return MimeEmailsTest.parse(digests.compose(EmailAddress.parse("from", "talent@example.com"),
                EmailAddress.parse("to", "coordinator@partner.example"), "R&D <Partners>", DAY, entries));
    }

    @Test
    void the_digest_lists_each_candidate_with_the_event_id_and_attaches_the_roster_as_csv() throws Exception {
        MimeMessage message = digest(List.of(entry("Rui Costa", "ev-1"), entry("Zoë Ångström", "ev-2")));

        assertThat(message.getSubject()).isEqualTo("R&D <Partners> on-site testing day 2026-12-19: 2 candidate(s)");
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("coordinator@partner.example");
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertThat(text).contains("- Rui Costa  (event id ev-1)\n").contains("- Zoë Ångström  (event id ev-2)\n")
                .doesNotContain("{{").doesNotContain("(no candidates)");
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(html).contains("R&amp;D &lt;Partners&gt;").doesNotContain("R&D <Partners>").contains("Zoë Ångström");

        BodyPart csv = mixed.getBodyPart(1);
        assertThat(csv.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(csv.getFileName()).isEqualTo("roster-2026-12-19.csv");
        assertThat(csv.getContentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(read(csv)).startsWith("candidate_name,event_id,candidate_id,testing_day,company\r\n")
                .contains("Zoë Ångström,ev-2,");
    }

    @Test
    void csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised_in_the_attachment() throws Exception {
        MimeMessage message = digest(List.of(entry("=HYPERLINK(\"http://evil.example\")", "ev-3")));

        String csv = read(((MimeMultipart) message.getContent()).getBodyPart(1));
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",ev-3");
    }

    @Test
    void a_day_without_candidates_says_so_instead_of_an_empty_list() throws Exception {
        MimeMessage message = digest(List.of());

        assertThat(message.getSubject()).endsWith(": 0 candidate(s)");
        MimeMultipart alternative = (MimeMultipart) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("(no candidates)");
    }

    private static String read(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
