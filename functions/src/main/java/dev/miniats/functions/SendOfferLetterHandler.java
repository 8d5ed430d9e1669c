package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.idempotency.HiringIdempotencyKeys;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.MimeEmails;

import java.util.List;
import java.util.Set;

/** {@code send-offer-letter}: emails the candidate the offer with the letter as a PDF, once per candidate. */
public final class SendOfferLetterHandler extends HiringHandler {
    private final Mailer mailer;
    private final HiringEmails emails;
    private final MimeEmails mime;

    /** Lambda's entry point: configuration from the environment. */
    public SendOfferLetterHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public SendOfferLetterHandler(FunctionEnvironment environment) {
        super(environment, Set.of(DetailType.SEND_OFFER_LETTER));
        this.mailer = environment.mailer();
        this.emails = environment.emails();
        this.mime = new MimeEmails(environment.clock());
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        return once(event, context, log, HiringIdempotencyKeys.offer(event), messageKey -> sent(event, mailer.send(mime.withAttachments(
                Messages.toCandidate(event, emails.offer(event), messageKey), List.of(emails.offerLetterPdf(event))))));
    }
}
