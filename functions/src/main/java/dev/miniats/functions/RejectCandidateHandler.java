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

/**
 * {@code reject-candidate}: emails the candidate a kind, templated rejection, once per candidate.
 * The event's optional {@code reason} is for the hiring team: it is logged, never mailed.
 */
public final class RejectCandidateHandler extends HiringHandler {
    private final Mailer mailer;
    private final HiringEmails emails;
    private final MimeEmails mime;

    /** Lambda's entry point: configuration from the environment. */
    public RejectCandidateHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public RejectCandidateHandler(FunctionEnvironment environment) {
        super(environment, Set.of(DetailType.REJECT_CANDIDATE));
        this.mailer = environment.mailer();
        this.emails = environment.emails();
        this.mime = new MimeEmails(environment.clock());
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        if (event.detail().reason() != null) {
            log.info("rejection reason (internal)", "reason", event.detail().reason());
        }
        return once(event, context, log, HiringIdempotencyKeys.rejection(event), messageKey ->
                sent(event, mailer.send(mime.alternative(Messages.toCandidate(event, emails.rejection(event), messageKey)))));
    }
}
