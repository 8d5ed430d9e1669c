package dev.miniats.core.mail;

import dev.miniats.core.event.CandidateDetail;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.Interview;
import dev.miniats.core.link.CandidateAction;
import dev.miniats.core.link.CandidateLinks;

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
    private final CandidateLinks links;

    public HiringEmails(EmailTemplates templates) {
        this(templates, null);
    }

    /**
     * @param links signs the candidate's answer links (assessment, offer accept/decline, interview
     *              confirm/reschedule); null when there is nowhere to answer, and the mails carry none
     */
    public HiringEmails(EmailTemplates templates, CandidateLinks links) {
        this.templates = templates;
        this.links = links;
    }

    /** A signed link for the event's candidate, or null without links. A bare detail has no event id: "direct". */
    private String link(HiringEvent event, CandidateAction action) {
        return links == null ? null : links.url(event.detail().candidateId(), action, event.eventId().orElse("direct"));
    }

    public EmailContent assessment(HiringEvent event) {
        Map<String, Object> model = common(event.detail());
        String given = event.detail().assessment().link();
        model.put("link", given != null ? given : link(event, CandidateAction.COMPLETE_ASSESSMENT));
        model.put("dueDate", day(event.detail().assessment().dueDate()));
        return templates.render("send-assessment", model);
    }

    public EmailContent interview(HiringEvent event) {
        return templates.render("schedule-interview", answerableInterviewModel(event));
    }

    /** The email that carries a moved interview's updated invite. */
    public EmailContent rescheduledInterview(HiringEvent event) {
        return templates.render("reschedule-interview", answerableInterviewModel(event));
    }

    private Map<String, Object> answerableInterviewModel(HiringEvent event) {
        Map<String, Object> model = interviewModel(event);
        model.put("confirmLink", link(event, CandidateAction.CONFIRM_INTERVIEW));
        model.put("rescheduleLink", link(event, CandidateAction.RESCHEDULE_INTERVIEW));
        model.put("declineLink", link(event, CandidateAction.DECLINE_INTERVIEW));
        model.put("withdrawLink", link(event, CandidateAction.WITHDRAW));
        return model;
    }

    /** The email that carries an interview's cancellation. */
    public EmailContent cancelledInterview(HiringEvent event) {
        return templates.render("cancel-interview", interviewModel(event));
    }

    /** The reminder the candidate gets 24 hours before the interview. */
    public EmailContent interviewReminder(HiringEvent event) {
        return templates.render("interview-reminder", interviewModel(event));
    }

    /** The brief the hiring team (the event's {@code fromEmail}) gets with the candidate's reminder. */
    public EmailContent interviewerBrief(HiringEvent event) {
        Map<String, Object> model = interviewModel(event);
        model.put("candidateEmail", event.detail().toEmail().address());
        return templates.render("interviewer-brief", model);
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

    /** The kind rejection: greeting and company only; the event's internal {@code reason} is not in the model. */
    public EmailContent rejection(HiringEvent event) {
        return templates.render("reject-candidate", common(event.detail()));
    }

    public EmailContent offer(HiringEvent event) {
        Map<String, Object> model = offerModel(event);
        if (event.detail().offer().acceptLink() == null) {
            model.put("acceptLink", link(event, CandidateAction.ACCEPT_OFFER));
        }
        model.put("declineLink", link(event, CandidateAction.DECLINE_OFFER));
        return templates.render("send-offer-letter", model);
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
