package dev.miniats.local.ses;

import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.iam.Iam;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.MessagingException;

import java.io.ByteArrayInputStream;
import java.util.Locale;

/**
 * The IAM check before SES sends for a role session: {@code ses:SendEmail} / {@code ses:SendRawEmail}
 * on the sending identity's ARN, {@code arn:aws:ses:REGION:ACCOUNT:identity/<address or domain>}
 * (https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html). The identity is the sender
 * address when it is an identity, else its verified domain, else the address itself. Requests with
 * plain local credentials pass unchecked ({@link Iam#check}). Thread-safe.
 */
final class SendPermissions {
    private final Iam iam;
    private final Identities identities;
    private final String region;
    private final String account;

    SendPermissions(Iam iam, Identities identities, String region, String account) {
        this.iam = iam;
        this.identities = identities;
        this.region = region;
        this.account = account;
    }

    /** Checks {@code action} for the sender {@code source} (SendEmail's Source, or a raw message's From). */
    void check(AwsRequest call, String action, String source) {
        if (!Iam.isTemporary(call.accessKeyId())) {
            return;
        }
        iam.check(call.accessKeyId(), action, "arn:aws:ses:" + region + ":" + account + ":identity/" + identity(source));
    }

    /** SendRawEmail: the Source parameter when given, else the message's From header. */
    void checkRaw(AwsRequest call, String source, byte[] raw) {
        if (!Iam.isTemporary(call.accessKeyId())) {
            return;
        }
        String sender = source;
        if (sender == null || sender.isBlank()) {
            try {
                sender = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("From", ",");
            } catch (MessagingException e) {
                throw new InvalidSesRequestException("The raw message is not valid MIME: " + e.getMessage());
            }
        }
        check(call, "ses:SendRawEmail", sender == null ? "" : sender);
    }

    private String identity(String sender) {
        String address;
        try {
            address = new InternetAddress(sender, false).getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return sender;
        }
        if (identities.get(address).isPresent() || !address.contains("@")) {
            return address;
        }
        for (String domain = address.substring(address.indexOf('@') + 1); domain.contains("."); domain = domain.substring(domain.indexOf('.') + 1)) {
            if (identities.get(domain).isPresent()) {
                return domain;
            }
        }
        return address;
    }
}
