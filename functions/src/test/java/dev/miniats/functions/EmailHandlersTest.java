package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.PermanentFailure;
import dev.miniats.core.event.InvalidEventException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static dev.miniats.functions.Invocations.BRIEF_PAYLOAD;
import static dev.miniats.functions.Invocations.envelope;
import static dev.miniats.functions.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailHandlersTest {
    private final RecordingMailer mailer = new RecordingMailer();
    private final FunctionEnvironment environment = Invocations.environment(mailer);

    @Test
    void the_assessment_is_text_and_html_alternatives_sent_once_per_candidate() throws Exception {
        SendAssessmentHandler handler = new SendAssessmentHandler(environment);

        JsonNode first = invoke(handler, envelope("e-1", "send-assessment", BRIEF_PAYLOAD));
        JsonNode again = invoke(handler, envelope("e-2", "send-assessment", BRIEF_PAYLOAD));

        assertThat(mailer.sent()).hasSize(1);
        assertThat(first.get("candidateId").asText()).isEqualTo("ada.lovelace@example.com");
        assertThat(again.get("replayed").asBoolean()).isTrue();
        MimeMessage email = Invocations.open(mailer.sent().get(0));
        assertThat(new ContentType(email.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        MimeMultipart alternative = (MimeMultipart) email.getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Hello Ada Lovelace,");
        assertThat(email.getSubject()).isEqualTo("Criteria Corp Testing: your assessment is ready, Ada Lovelace");
    }

    @Test
    void the_offer_letter_email_carries_the_pdf_letter() throws Exception {
        invoke(new SendOfferLetterHandler(environment), envelope("e-1", "send-offer-letter", """
                {"toEmail":"ada@example.com","fromEmail":"talent@example.com","companyName":"Acme",
                 "candidateName":"Ada Lovelace","offer":{"position":"Staff Engineer","compensation":"EUR 90,000",
                 "startDate":"2027-02-01","respondBy":"2026-12-20"}}"""));

        MimeMultipart mixed = (MimeMultipart) Invocations.open(mailer.sent().get(0)).getContent();
        assertThat(new ContentType(mixed.getBodyPart(0).getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("offer-letter.pdf");
        try (PDDocument pdf = Loader.loadPDF(mixed.getBodyPart(1).getInputStream().readAllBytes())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Ada Lovelace", "Staff Engineer", "EUR 90,000",
                    "Monday, 1 February 2027", "Sunday, 20 December 2026");
        }
    }

    @Test
    void a_second_offer_with_other_terms_is_refused_permanently_and_not_sent() throws Exception {
        SendOfferLetterHandler handler = new SendOfferLetterHandler(environment);
        invoke(handler, envelope("e-1", "send-offer-letter", BRIEF_PAYLOAD));

        assertThatThrownBy(() -> invoke(handler, envelope("e-2", "send-offer-letter", """
                {"toEmail":"ada.lovelace@example.com","fromEmail":"talent@example.com","companyName":"Criteria Corp Testing",
                 "offer":{"position":"CTO"}}""")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("send-offer-letter#ada.lovelace@example.com");
        assertThat(mailer.sent()).hasSize(1);
    }

    @Test
    void a_rejection_is_kind_sent_once_and_never_mails_the_internal_reason() throws Exception {
        RejectCandidateHandler handler = new RejectCandidateHandler(environment);
        String detail = """
                {"toEmail":"ada.lovelace@example.com","fromEmail":"talent@example.com","companyName":"Acme",
                 "reason":"SECRET-weak-on-system-design"}""";

        invoke(handler, envelope("r-1", "reject-candidate", detail));
        JsonNode again = invoke(handler, envelope("r-2", "reject-candidate", detail));

        assertThat(mailer.sent()).hasSize(1);
        assertThat(again.get("replayed").asBoolean()).isTrue();
        MimeMessage email = Invocations.open(mailer.sent().get(0));
        assertThat(email.getSubject()).isEqualTo("Acme: an update on your application");
        MimeMultipart alternative = (MimeMultipart) email.getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Hello Ada Lovelace,", "not to move forward");
        assertThat(new String(mailer.sent().get(0).mime(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("SECRET");
    }

    @Test
    void an_assessment_score_outside_0_to_100_is_refused_naming_the_field() {
        assertThatThrownBy(() -> invoke(new RecordPipelineHandler(environment), envelope("s-1", "assessment-completed", """
                {"toEmail":"ada@example.com","fromEmail":"t@example.com","companyName":"Acme","assessment":{"score":101}}""")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("detail.assessment.score").hasMessageContaining("101");
    }

    @Test
    void an_invalid_detail_is_a_permanent_failure_and_nothing_is_sent() {
        assertThatThrownBy(() -> invoke(new SendAssessmentHandler(environment), "{\"toEmail\":\"ada@example.com\"}"))
                .isInstanceOf(InvalidEventException.class).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("detail.fromEmail");
        assertThatThrownBy(() -> invoke(new SendAssessmentHandler(environment), "not json"))
                .isInstanceOf(PermanentFailure.class);
        assertThat(mailer.sent()).isEmpty();
    }
}
