package dev.miniats.core.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class OfferLetterPdfTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static HiringEvent offer() throws Exception {
        return HiringEvents.parse(new ObjectMapper().readTree("""
                {"toEmail":"ada@example.com","fromEmail":"talent@example.com","companyName":"Acme & Sons",
                 "candidateName":"Ada <b>Lovelace</b>",
                 "offer":{"position":"Senior Engineer","compensation":"EUR 72,000 per year",
                          "startDate":"2027-01-04","respondBy":"2026-12-15"}}
                """), CLOCK);
    }

    private static String text(Attachment pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.data())) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void the_offer_letter_pdf_states_candidate_position_compensation_start_and_respond_by() throws Exception {
        Attachment pdf = new HiringEmails(EmailTemplates.builtIn()).offerLetterPdf(offer());

        assertThat(pdf.filename()).isEqualTo("offer-letter.pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.data(), 0, 5)).isEqualTo("%PDF-");
        assertThat(text(pdf)).contains("Ada <b>Lovelace</b>", "Acme & Sons", "Senior Engineer", "EUR 72,000 per year",
                "Monday, 4 January 2027", "Tuesday, 15 December 2026");
    }

    @Test
    void a_company_can_replace_the_offer_letter_template(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(HiringEmails.OFFER_LETTER_TEMPLATE), """
                <html xmlns="http://www.w3.org/1999/xhtml"><body><p>Custom letter for {{candidateName}}</p></body></html>
                """);

        Attachment pdf = new HiringEmails(EmailTemplates.withOverrides(dir)).offerLetterPdf(offer());

        assertThat(text(pdf)).contains("Custom letter for Ada <b>Lovelace</b>");
    }
}
