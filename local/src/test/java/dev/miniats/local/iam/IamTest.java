package dev.miniats.local.iam;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Iam} facade as the Lambda runtime and SES use it: function credentials, sessions, decisions and checks. */
class IamTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/fn-role";
    private static final String IDENTITY = "arn:aws:ses:us-east-1:000000000000:identity/acme.example";
    private static final String DENY_RAW = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"ses:SendRawEmail\",\"Resource\":\"*\"}}";

    @TempDir
    Path dir;
    Database db;
    RoleStore roles;
    final MovableClock clock = new MovableClock();

    @BeforeEach
    void open() {
        db = Database.open(dir, false);
        roles = new RoleStore(db, new PolicyStore(db, new AwsManagedPolicies()));
        roles.create(new Role("fn-role", "/", "AROAEXAMPLEEXAMPLE01", ROLE, IamAwsCliTest.TRUST, null, 3600, clock.millis()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void function_credentials_name_their_role_until_they_expire() {
        Iam iam = iam(false);
        Iam.Credentials credentials = iam.credentialsFor(ROLE, "send-assessment");
        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(iam.assumedRoleOf(credentials.accessKeyId())).contains(ROLE);
        assertThat(iam.sessionOf(credentials.accessKeyId()).orElseThrow().assumedRoleArn())
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/fn-role/send-assessment");

        clock.advance(Iam.FUNCTION_CREDENTIALS.plusSeconds(1));
        assertThat(iam.assumedRoleOf(credentials.accessKeyId())).isEmpty();
        assertThat(iam.assumedRoleOf("local")).isEmpty();
    }

    @Test
    void credentials_for_a_role_that_does_not_exist_are_refused() {
        assertThat(iam(false).roleExists("arn:aws:iam::000000000000:role/ghost")).isFalse();
        assertThatThrownBy(() -> iam(false).credentialsFor("arn:aws:iam::000000000000:role/ghost", "s"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NoSuchEntity"));
    }

    @Test
    void attached_managed_and_inline_policies_decide_together() {
        Iam iam = iam(false);
        assertThat(iam.roleExists(ROLE)).isTrue();
        assertThat(iam.authorize(ROLE, "ses:SendEmail", IDENTITY).outcome()).isEqualTo(Iam.Outcome.IMPLICIT_DENY);

        roles.attach("fn-role", "arn:aws:iam::aws:policy/AmazonSESFullAccess");
        roles.putPolicy("fn-role", "no-raw", DENY_RAW);
        assertThat(iam.authorize(ROLE, "ses:SendEmail", IDENTITY).allowed()).isTrue();
        assertThat(iam.authorize(ROLE, "ses:SendRawEmail", IDENTITY).outcome()).isEqualTo(Iam.Outcome.EXPLICIT_DENY);
        assertThat(iam.authorize(ROLE, "logs:PutLogEvents", "*").outcome()).isEqualTo(Iam.Outcome.IMPLICIT_DENY);

        roles.attach("fn-role", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        roles.attach("fn-role", "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess");
        assertThat(iam.authorize(ROLE, "logs:PutLogEvents", "*").allowed()).isTrue();
        Iam.Decision passRole = iam.authorize(ROLE, "iam:PassRole", "arn:aws:iam::000000000000:role/other");
        assertThat(passRole.outcome()).isEqualTo(Iam.Outcome.IMPLICIT_DENY);
        assertThat(passRole.unevaluatedConditionKeys()).containsExactly("iam:PassedToService");
    }

    @Test
    void enforce_refuses_what_the_role_may_not_do_and_a_session_that_expired() {
        Iam iam = iam(true);
        String key = iam.credentialsFor(ROLE, "fn").accessKeyId();
        assertThatThrownBy(() -> iam.check(key, "ses:SendEmail", IDENTITY))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("AccessDenied"))
                .hasMessage("User: arn:aws:sts::000000000000:assumed-role/fn-role/fn is not authorized to perform: ses:SendEmail on"
                        + " resource: " + IDENTITY + " because no identity-based policy allows the ses:SendEmail action");
        roles.attach("fn-role", "arn:aws:iam::aws:policy/AmazonSESFullAccess");
        iam.check(key, "ses:SendEmail", IDENTITY);

        clock.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> iam.check(key, "ses:SendEmail", IDENTITY))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ExpiredToken"));
        assertThat(iam.refusals(10)).extracting(Iam.Refusal::enforced).containsExactly(true, true);
    }

    @Test
    void record_mode_and_plain_credentials_never_refuse() {
        Iam recording = iam(false);
        String key = recording.credentialsFor(ROLE, "fn").accessKeyId();
        recording.check(key, "ses:SendEmail", IDENTITY);
        assertThat(recording.refusals(10)).singleElement().satisfies(r -> {
            assertThat(r.enforced()).isFalse();
            assertThat(r.principal()).isEqualTo("arn:aws:sts::000000000000:assumed-role/fn-role/fn");
        });

        iam(true).check("local", "ses:SendEmail", IDENTITY);
        assertThat(recording.refusals(10)).hasSize(1);
    }

    private Iam iam(boolean enforce) {
        return new Iam(db, new Arns("us-east-1", "000000000000"), clock, enforce, new Random(7));
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
