package dev.miniats.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.Mailbox;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SES checking a role session's policies, with credentials from {@code aws sts assume-role}: under
 * {@code --iam enforce} a role without SES permission gets AccessDenied with AWS's message and no
 * mail leaves; under the default record mode the mail is sent and the would-be refusal recorded.
 * Plain local credentials are never checked.
 */
@Tag("e2e")
class SesPermissionsTest {
    private static final String NO_SES = "arn:aws:iam::000000000000:role/no-ses";
    private static final String SENDER = "arn:aws:iam::000000000000:role/ses-sender";

    @TempDir
    Path dataDir;

    @Test
    void under_enforce_a_role_without_ses_permission_is_denied_and_one_with_it_sends() {
        try (LocalRuntime runtime = start(true)) {
            AwsCli aws = AwsCli.local(runtime.endpoint(), dataDir);
            roles(aws);
            AwsCli denied = session(aws, NO_SES, "send-assessment");
            AwsCli allowed = session(aws, SENDER, "send-assessment");

            assertThat(denied.fails("ses", "send-email", "--from", "Recruiter <hr@acme.example>", "--to", "denied@candidates.example",
                    "--subject", "s", "--text", "t")).contains("(AccessDenied)")
                    .contains("User: arn:aws:sts::000000000000:assumed-role/no-ses/send-assessment is not authorized to perform:"
                            + " ses:SendEmail on resource: arn:aws:ses:us-east-1:000000000000:identity/hr@acme.example");
            String raw = Base64.getEncoder().encodeToString(("From: hr@acme.example\r\nTo: denied@candidates.example\r\n"
                    + "Subject: raw\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(denied.fails("ses", "send-raw-email", "--raw-message", "Data=" + raw)).contains("(AccessDenied)")
                    .contains("ses:SendRawEmail on resource: arn:aws:ses:us-east-1:000000000000:identity/hr@acme.example");
            assertThat(runtime.mailStore().count()).isZero();

            allowed.ok("ses", "send-email", "--from", "hr@acme.example", "--to", "allowed@candidates.example", "--subject", "by role",
                    "--text", "t");
            aws.ok("ses", "send-email", "--from", "hr@acme.example", "--to", "allowed@candidates.example", "--subject", "by local",
                    "--text", "t");
            Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailbox.inbox("allowed@candidates.example"))
                    .extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder("by role", "by local"));
            assertThat(refusals(runtime)).allSatisfy(r -> assertThat(r.get("Enforced").asBoolean()).isTrue()).hasSize(2);
        }
    }

    @Test
    void under_enforce_assume_role_needs_a_trust_policy_that_trusts_the_caller() {
        try (LocalRuntime runtime = start(true)) {
            AwsCli aws = AwsCli.local(runtime.endpoint(), dataDir);
            aws.ok("iam", "create-role", "--role-name", "lambda-only", "--assume-role-policy-document", IamAwsCliTest.TRUST);
            assertThat(aws.fails("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/lambda-only",
                    "--role-session-name", "me")).contains("(AccessDenied)").contains("trust policy does not trust arn:aws:iam::000000000000:root");
        }
    }

    @Test
    void in_record_mode_the_mail_is_sent_and_the_refusal_recorded() {
        try (LocalRuntime runtime = start(false)) {
            AwsCli aws = AwsCli.local(runtime.endpoint(), dataDir);
            roles(aws);
            AwsCli denied = session(aws, NO_SES, "recorded");
            denied.ok("ses", "send-email", "--from", "hr@acme.example", "--to", "recorded@candidates.example", "--subject", "anyway",
                    "--text", "t");
            Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailbox.inbox("recorded@candidates.example"))
                    .extracting(Mailbox.Mail::subject).containsExactly("anyway"));
            JsonNode refusal = refusals(runtime).get(0);
            assertThat(refusal.get("Enforced").asBoolean()).isFalse();
            assertThat(refusal.get("Principal").asText()).isEqualTo("arn:aws:sts::000000000000:assumed-role/no-ses/recorded");
            assertThat(refusal.get("Action").asText()).isEqualTo("ses:SendEmail");
            assertThat(refusal.get("Reason").asText()).contains("because no identity-based policy allows the ses:SendEmail action");
        }
    }

    /** no-ses may only write logs; ses-sender has AmazonSESFullAccess; both trust the account. */
    private static void roles(AwsCli aws) {
        aws.ok("iam", "create-role", "--role-name", "no-ses", "--assume-role-policy-document", StsAwsCliTest.TRUST_ACCOUNT);
        aws.ok("iam", "put-role-policy", "--role-name", "no-ses", "--policy-name", "logs", "--policy-document", IamAwsCliTest.LOGS);
        aws.ok("iam", "create-role", "--role-name", "ses-sender", "--assume-role-policy-document", StsAwsCliTest.TRUST_ACCOUNT);
        aws.ok("iam", "attach-role-policy", "--role-name", "ses-sender", "--policy-arn", "arn:aws:iam::aws:policy/AmazonSESFullAccess");
    }

    /** The CLI signing as a new session of {@code roleArn}, with credentials from {@code aws sts assume-role}. */
    private static AwsCli session(AwsCli aws, String roleArn, String sessionName) {
        return aws.as(aws.ok("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", sessionName));
    }

    private static JsonNode refusals(LocalRuntime runtime) {
        return TestRuntime.json(get(runtime, "/_ats/iam/refusals")).get("Refusals");
    }

    private static String get(LocalRuntime runtime, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(runtime.endpoint().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private LocalRuntime start(boolean enforce) {
        return LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().iamEnforce(enforce).build());
    }
}
