package dev.miniats.functions;

import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.functions.internal.SesV2Mailer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a hiring function needs from outside: a clock, a mailer, the email templates.
 * On Lambda it comes from environment variables; the local runtime builds one pointing at itself.
 * This is the only place where the two runtimes differ.
 *
 * <p>Environment variables: {@code MINI_ATS_SES_ENDPOINT} (optional; else the SDK's default,
 * which also honours {@code AWS_ENDPOINT_URL_SESV2} and {@code AWS_ENDPOINT_URL}),
 * {@code AWS_REGION}, {@code MINI_ATS_TEMPLATE_DIR} (optional template overrides).
 */
public record FunctionEnvironment(Clock clock, Mailer mailer, HiringEmails emails) {
    public FunctionEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(emails, "emails");
    }

    public static FunctionEnvironment fromSystem() {
        return fromVariables(System.getenv());
    }

    static FunctionEnvironment fromVariables(Map<String, String> env) {
        SesV2ClientBuilder ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create());
        String region = env.get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            ses.region(Region.of(region));
        }
        String endpoint = env.get("MINI_ATS_SES_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            ses.endpointOverride(URI.create(endpoint));
        }
        String templates = env.get("MINI_ATS_TEMPLATE_DIR");
        EmailTemplates emailTemplates = templates == null || templates.isBlank()
                ? EmailTemplates.builtIn() : EmailTemplates.withOverrides(Path.of(templates));
        return new FunctionEnvironment(Clock.systemUTC(), new SesV2Mailer(ses.build()), new HiringEmails(emailTemplates));
    }

    /**
     * An environment whose SES client talks to {@code sesEndpoint} (the local runtime) with dummy
     * credentials; nothing leaves the machine.
     */
    public static FunctionEnvironment local(URI sesEndpoint, Clock clock, EmailTemplates templates) {
        SesV2Client ses = SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(sesEndpoint)
                .build();
        return new FunctionEnvironment(clock, new SesV2Mailer(ses), new HiringEmails(templates));
    }
}
