package dev.miniats.functions;

import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.mail.EmailContent;
import dev.miniats.core.mail.EmailMessage;

/** Addresses a rendered email: from the hiring team (company as display name) to the candidate. */
final class Messages {
    private Messages() {
    }

    /** {@code messageKey}: the effect's key, see {@link HiringHandler#once}. */
    static EmailMessage toCandidate(HiringEvent event, EmailContent content, String messageKey) {
        var detail = event.detail();
        return new EmailMessage(detail.fromEmail(), detail.companyName(), detail.toEmail(), detail.candidateName(), content,
                messageKey);
    }
}
