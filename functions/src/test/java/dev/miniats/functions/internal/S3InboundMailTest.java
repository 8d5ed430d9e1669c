package dev.miniats.functions.internal;

import dev.miniats.functions.replies.MailNotFoundException;
import dev.miniats.functions.replies.MailTooLargeException;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3InboundMail against a real S3 API (s3proxy, the local runtime's S3), as SES receiving's S3 action leaves the mail. */
class S3InboundMailTest {
    private static final String BUCKET = "inbound";
    private static final String PREFIX = "calendar-replies/";
    private static S3Proxy proxy;
    private static S3Client s3;
    @TempDir
    static Path buckets;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(buckets.toString())).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null).ignoreUnknownHeaders(true).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort())).forcePathStyle(true).build();
        s3.createBucket(create -> create.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        proxy.stop();
    }

    private static void store(String key, byte[] content) {
        s3.putObject(put -> put.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    @Test
    void the_mail_is_read_from_the_prefix_and_its_message_id() {
        store(PREFIX + "msg-1", "Subject: hi\r\n\r\nbody\r\n".getBytes());
        store("msg-1", "not under the prefix".getBytes());

        assertThat(new String(new S3InboundMail(s3, BUCKET, PREFIX).read("msg-1", 1024))).startsWith("Subject: hi");
    }

    @Test
    void a_mail_of_exactly_the_limit_is_read_and_one_byte_more_is_refused_unread() {
        store(PREFIX + "at-limit", new byte[100]);
        store(PREFIX + "over-limit", new byte[101]);
        S3InboundMail mail = new S3InboundMail(s3, BUCKET, PREFIX);

        assertThat(mail.read("at-limit", 100)).hasSize(100);
        assertThatThrownBy(() -> mail.read("over-limit", 100)).isInstanceOf(MailTooLargeException.class)
                .hasMessage("mail over-limit is 101 bytes; expected at most 100 for a calendar reply");
    }

    @Test
    void a_mail_that_is_not_stored_is_named_in_the_error() {
        assertThatThrownBy(() -> new S3InboundMail(s3, BUCKET, PREFIX).read("never-stored", 100))
                .isInstanceOf(MailNotFoundException.class)
                .hasMessageContaining("s3://inbound/calendar-replies/never-stored");
    }
}
