package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.MimeEmails;

import java.util.Set;

/** {@code schedule-interview}: sends the candidate the interview invitation. */
public final class ScheduleInterviewHandler extends HiringHandler {
    private final Mailer mailer;
    private final HiringEmails emails;
    private final MimeEmails mime;

    /** Lambda's entry point: configuration from the environment. */
    public ScheduleInterviewHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public ScheduleInterviewHandler(FunctionEnvironment environment) {
        super(environment.clock(), Set.of(DetailType.SCHEDULE_INTERVIEW));
        this.mailer = environment.mailer();
        this.emails = environment.emails();
        this.mime = new MimeEmails(environment.clock());
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context) {
        String messageId = mailer.send(mime.alternative(Messages.toCandidate(event, emails.interview(event))));
        ObjectNode result = result(event, messageId);
        result.put("interviewId", event.detail().interview().interviewId());
        return result;
    }
}
