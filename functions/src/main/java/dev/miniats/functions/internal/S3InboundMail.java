package dev.miniats.functions.internal;

import dev.miniats.functions.replies.InboundMail;
import dev.miniats.functions.replies.MailNotFoundException;
import dev.miniats.functions.replies.MailTooLargeException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@link InboundMail} in the bucket SES receiving's S3 action writes to: the mail is the object
 * {@code <prefix><messageId>}. The object's length is checked before its body is read, and the
 * read stops one byte past the limit whatever the length said. Thread-safe (the SDK client is).
 *
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-s3.html">Deliver to S3 bucket action</a>
 */
public final class S3InboundMail implements InboundMail {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3InboundMail(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public byte[] read(String messageId, int maxBytes) {
        String key = prefix + messageId;
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(get -> get.bucket(bucket).key(key))) {
            Long length = object.response().contentLength();
            if (length != null && length > maxBytes) {
                object.abort();
                throw new MailTooLargeException(messageId, length, maxBytes);
            }
            byte[] bytes = object.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                object.abort();
                throw new MailTooLargeException(messageId, bytes.length, maxBytes);
            }
            return bytes;
        } catch (NoSuchKeyException e) {
            throw new MailNotFoundException("s3://" + bucket + "/" + key, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read s3://" + bucket + "/" + key, e);
        }
    }
}
