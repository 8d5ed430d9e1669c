package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalog of functions: name (as routes and {@code aws lambda invoke} know it), handler
 * class (as Lambda's {@code Handler} setting names it), and how the local runtime builds one.
 * Every function name is the target of the route of the same name in {@code RoutingDeclaration},
 * except {@link #SEND_INTERVIEW_REMINDER}, which the interviews' reminder schedules run ({@link #scheduled()}).
 */
public enum HiringFunction {
    SEND_ASSESSMENT("send-assessment", "Emails the candidate an assessment invitation",
            SendAssessmentHandler.class, SendAssessmentHandler::new),
    SCHEDULE_INTERVIEW("schedule-interview", "Sends the candidate an interview invitation",
            ScheduleInterviewHandler.class, ScheduleInterviewHandler::new),
    RESCHEDULE_INTERVIEW("reschedule-interview", "Sends the candidate the moved interview's updated invitation",
            RescheduleInterviewHandler.class, RescheduleInterviewHandler::new),
    CANCEL_INTERVIEW("cancel-interview", "Sends the candidate the interview's cancellation",
            CancelInterviewHandler.class, CancelInterviewHandler::new),
    SEND_OFFER_LETTER("send-offer-letter", "Emails the candidate an offer letter with the PDF letter",
            SendOfferLetterHandler.class, SendOfferLetterHandler::new),
    SEND_INTERVIEW_REMINDER("send-interview-reminder", "Reminds the candidate of the interview and briefs the hiring team, a day before",
            SendInterviewReminderHandler.class, SendInterviewReminderHandler::new),
    REJECT_CANDIDATE("reject-candidate", "Emails the candidate a kind rejection; the reason stays internal",
            RejectCandidateHandler.class, RejectCandidateHandler::new),
    COLLECT_PARTNER_ROSTER("collect-partner-roster", "Puts partner companies' candidates on their testing day roster",
            CollectPartnerRosterHandler.class, CollectPartnerRosterHandler::new),
    RECORD_PIPELINE("record-pipeline", "Records every hiring event in the candidate's stage history",
            RecordPipelineHandler.class, RecordPipelineHandler::new);

    private final String functionName;
    private final String description;
    private final Class<? extends RequestStreamHandler> handlerClass;
    private final Function<FunctionEnvironment, RequestStreamHandler> factory;

    HiringFunction(String functionName, String description, Class<? extends RequestStreamHandler> handlerClass,
                   Function<FunctionEnvironment, RequestStreamHandler> factory) {
        this.functionName = functionName;
        this.description = description;
        this.handlerClass = handlerClass;
        this.factory = factory;
    }

    public String functionName() {
        return functionName;
    }

    public String description() {
        return description;
    }

    /** Lambda's {@code Handler} value, e.g. {@code dev.miniats.functions.SendAssessmentHandler::handleRequest}. */
    public String handler() {
        return handlerClass.getName() + "::handleRequest";
    }

    public RequestStreamHandler create(FunctionEnvironment environment) {
        return factory.apply(environment);
    }

    /** True for the function EventBridge Scheduler runs rather than a rule. */
    public boolean scheduled() {
        return this == SEND_INTERVIEW_REMINDER;
    }

    public static Optional<HiringFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
    }
}
