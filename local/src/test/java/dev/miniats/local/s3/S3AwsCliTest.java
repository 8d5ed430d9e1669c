package dev.miniats.local.s3;

import dev.miniats.local.TestRuntime;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3 through s3proxy behind the runtime's endpoint, driven by the real AWS CLI v2 and a plain HTTP client. */
class S3AwsCliTest {
    @TempDir
    static Path scratch;
    private static TestRuntime ats;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        ats = TestRuntime.start();
        aws = AwsCli.local(ats.runtime.endpoint(), scratch);
    }

    @AfterAll
    static void stop() {
        ats.close();
    }

    private static String text(String... args) {
        AwsCli.Result r = aws.run(args);
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void a_20_mb_file_goes_up_in_parts_lists_comes_back_whole_and_presigns() throws Exception {
        byte[] content = new byte[20 * 1024 * 1024];
        new Random(13).nextBytes(content);
        Path upload = Files.write(scratch.resolve("big.bin"), content);

        assertThat(text("s3", "mb", "s3://artifacts")).contains("make_bucket: artifacts");
        // above the CLI's 8 MB threshold: CreateMultipartUpload, UploadPart x3, CompleteMultipartUpload
        text("s3", "cp", upload.toString(), "s3://artifacts/code/big.bin");
        assertThat(text("s3", "ls", "s3://artifacts/code/")).contains("20971520 big.bin");
        assertThat(text("s3", "ls")).contains("artifacts");

        Path download = scratch.resolve("back.bin");
        text("s3", "cp", "s3://artifacts/code/big.bin", download.toString());
        assertThat(Files.readAllBytes(download)).isEqualTo(content);
        assertThat(ats.runtime.s3().object("artifacts", "code/big.bin")).isEqualTo(content);

        String url = text("s3", "presign", "s3://artifacts/code/big.bin", "--expires-in", "300").trim();
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);

        assertThat(text("s3", "rb", "s3://artifacts", "--force")).contains("remove_bucket: artifacts");
        assertThat(text("s3", "ls")).doesNotContain("artifacts");
    }

    @Test
    void an_unknown_bucket_is_no_such_bucket_from_the_cli_and_in_process() {
        assertThat(aws.fails("s3", "ls", "s3://no-such-bucket-here")).contains("NoSuchBucket");
        assertThat(aws.fails("s3api", "get-object", "--bucket", "no-such-bucket-here", "--key", "k",
                scratch.resolve("out").toString())).contains("NoSuchBucket");
        assertThatThrownBy(() -> ats.runtime.s3().object("no-such-bucket-here", "k"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
    }

    @Test
    void the_in_process_face_makes_what_the_cli_reads() {
        ats.runtime.s3().createBucket("templates");
        ats.runtime.s3().putObject("templates", "stack/template.json", "{\"Resources\":{}}".getBytes());
        assertThat(text("s3", "ls", "s3://templates/stack/")).contains("template.json");
        assertThat(aws.ok("s3api", "head-object", "--bucket", "templates", "--key", "stack/template.json")
                .get("ContentLength").asLong()).isEqualTo(16);
        assertThatThrownBy(() -> ats.runtime.s3().deleteBucket("templates"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("BucketNotEmpty"));
    }

    @Test
    void the_runtimes_own_routes_are_not_claimed() {
        assertThat(ats.get("/_ats/health").statusCode()).isEqualTo(200);
    }
}
