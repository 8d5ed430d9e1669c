package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.idempotency.HiringIdempotencyKeys;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.MimeEmails;

import java.util.Set;

/** {@code send-assessment}: emails the candidate an invitation to the online assessment, once per candidate. */
public final class SendAssessmentHandler extends HiringHandler {
    private final Mailer mailer;
    private final HiringEmails emails;
    private final MimeEmails mime;

    /** Lambda's entry point: configuration from the environment. */
    public SendAssessmentHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public SendAssessmentHandler(FunctionEnvironment environment) {
        super(environment, Set.of(DetailType.SEND_ASSESSMENT));
        this.mailer = environment.mailer();
        this.emails = environment.emails();
        this.mime = new MimeEmails(environment.clock());
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        return once(event, context, log, HiringIdempotencyKeys.assessment(event), messageKey ->
                sent(event, mailer.send(mime.alternative(Messages.toCandidate(event, emails.assessment(event), messageKey)))));
    }
}
