package dev.miniats.core.mail;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file attached to an email, such as the offer letter PDF.
 *
 * @param filename    the name the recipient sees, e.g. {@code offer-letter.pdf}; plain characters only
 * @param contentType the MIME type, e.g. {@code application/pdf}; a text type may name its charset,
 *                    and only as {@code text/csv; charset=UTF-8} (the one parameter a text file needs)
 * @param data        the file's bytes; copied in and out, so the record stays immutable
 */
public record Attachment(String filename, String contentType, byte[] data) {
    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+|text/[a-z0-9.+-]+; charset=UTF-8");

    public Attachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        if (!FILENAME.matcher(filename).matches()) {
            throw new IllegalArgumentException("filename '" + filename + "' is invalid; expected 1 to 100 letters, digits, '.', '_' or '-'");
        }
        if (!TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("contentType '" + contentType + "' is invalid; expected a lower-case type/subtype like application/pdf or text/csv; charset=UTF-8");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
