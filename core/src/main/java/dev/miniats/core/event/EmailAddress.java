package dev.miniats.core.event;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * A single mailbox address, parsed strictly as {@link InternetAddress} and held to the RFC 5321
 * limits (local part 64 octets, whole path 254). Display names are never taken from input here:
 * a header is built from these parts by Jakarta Mail, not by string concatenation.
 */
public record EmailAddress(String address) {
    /** RFC 5321 section 4.5.3.1: 64 octets of local part, 254 of forward-path less the brackets. */
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_LENGTH = 254;

    public EmailAddress {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
    }

    /** Parses {@code raw} for {@code field}, or throws {@link InvalidEventException} naming both. */
    public static EmailAddress parse(String field, String raw) {
        String expected = "a single email address like ada@example.com (at most " + MAX_LENGTH + " characters)";
        if (raw == null || raw.isBlank()) {
            throw new InvalidEventException(field, raw, expected);
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH || trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidEventException(field, raw, expected);
        }
        try {
            InternetAddress parsed = new InternetAddress(trimmed, true);
            parsed.validate();
            String address = parsed.getAddress();
            int at = address.lastIndexOf('@');
            if (parsed.getPersonal() != null || at <= 0 || at > MAX_LOCAL_PART || !address.equals(trimmed)) {
                throw new InvalidEventException(field, raw, expected);
            }
            return new EmailAddress(address);
        } catch (AddressException e) {
            throw new InvalidEventException(field, raw, expected);
        }
    }

    public String localPart() {
        return address.substring(0, address.lastIndexOf('@'));
    }

    @Override
    public String toString() {
        return address;
    }
}
