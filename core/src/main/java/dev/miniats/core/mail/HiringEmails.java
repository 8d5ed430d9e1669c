package dev.miniats.core.mail;

import dev.miniats.core.event.CandidateDetail;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.Interview;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the model of each hiring email and renders it. Thread-safe.
 */
public final class HiringEmails {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

    public static final String OFFER_LETTER_TEMPLATE = "send-offer-letter.pdf.mustache";
    public static final String OFFER_LETTER_FILENAME = "offer-letter.pdf";

    private final EmailTemplates templates;

    public HiringEmails(EmailTemplates templates) {
        this.templates = templates;
    }

    public EmailContent assessment(HiringEvent event) {
        Map<String, Object> model = common(event.detail());
        model.put("link", event.detail().assessment().link());
        model.put("dueDate", day(event.detail().assessment().dueDate()));
        return templates.render("send-assessment", model);
    }

    public EmailContent interview(HiringEvent event) {
        return templates.render("schedule-interview", interviewModel(event));
    }

    /** The email that carries a moved interview's updated invite. */
    public EmailContent rescheduledInterview(HiringEvent event) {
        return templates.render("reschedule-interview", interviewModel(event));
    }

    /** The email that carries an interview's cancellation. */
    public EmailContent cancelledInterview(HiringEvent event) {
        return templates.render("cancel-interview", interviewModel(event));
    }

    private static Map<String, Object> interviewModel(HiringEvent event) {
        Map<String, Object> model = common(event.detail());
        Interview interview = event.detail().interview();
        ZonedDateTime start = interview.start().atZone(interview.timeZone());
        model.put("day", DAY.format(start));
        model.put("time", TIME.format(start));
        model.put("durationMinutes", interview.duration().toMinutes());
        model.put("location", interview.location());
        model.put("meetingLink", interview.meetingLink());
        model.put("interviewers", interview.interviewers().isEmpty() ? null : String.join(", ", interview.interviewers()));
        return model;
    }

    public EmailContent offer(HiringEvent event) {
        return templates.render("send-offer-letter", offerModel(event));
    }

    /**
     * The offer letter as a PDF attachment, rendered from {@value #OFFER_LETTER_TEMPLATE} (an
     * XHTML Mustache template, overridable like the emails) with the offer email's fields.
     */
    public Attachment offerLetterPdf(HiringEvent event) {
        String xhtml = templates.renderHtml(OFFER_LETTER_TEMPLATE, offerModel(event));
        return new Attachment(OFFER_LETTER_FILENAME, "application/pdf", PdfDocuments.render(xhtml));
    }

    private static Map<String, Object> offerModel(HiringEvent event) {
        Map<String, Object> model = common(event.detail());
        var offer = event.detail().offer();
        model.put("position", offer.position());
        model.put("compensation", offer.compensation());
        model.put("startDate", offer.startDate() == null ? null : day(offer.startDate()));
        model.put("respondBy", day(offer.respondBy()));
        model.put("acceptLink", offer.acceptLink());
        return model;
    }

    private static Map<String, Object> common(CandidateDetail detail) {
        Map<String, Object> model = new HashMap<>();
        model.put("companyName", detail.companyName());
        model.put("candidateName", detail.candidateName());
        // a template greets with {{greeting}}: "Hello Ada Lovelace," or, with no name to use, "Hello,"
        model.put("greeting", detail.hasGivenName() ? "Hello " + detail.candidateName() + "," : "Hello,");
        model.put("givenName", detail.hasGivenName() ? detail.candidateName() : null);
        model.put("candidateId", detail.candidateId());
        model.put("fromEmail", detail.fromEmail().address());
        return model;
    }

    private static String day(LocalDate date) {
        return DAY.format(date);
    }
}
