package dev.miniats.local.ses;

import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.iam.Iam;
import dev.miniats.local.mail.MailStore;

import java.time.Clock;

/**
 * SES on the runtime's port: v1 over Query, v2 over REST-JSON under {@code /v2/email}, and the
 * sent-mail APIs ({@code /_aws/ses} as LocalStack serves it, {@code /_ats/mails} with delivery state).
 */
public final class SesService implements AwsService {
    private final SesV1Api v1;
    private final SesV2Api v2;
    private final SentMailApi sentMail;

    public SesService(LocalSes ses, Identities identities, Templates templates, MailStore mails, String region, Clock clock, Iam iam,
                      String account) {
        SendPermissions permissions = new SendPermissions(iam, identities, region, account);
        this.v1 = new SesV1Api(ses, identities, templates, mails, clock, permissions);
        this.v2 = new SesV2Api(ses, identities, templates, mails, clock, permissions);
        this.sentMail = new SentMailApi(mails, region, clock);
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.query(v1.router());
        routes.rest("ses")
                .post("/v2/email/outbound-emails", v2::sendEmail)
                .post("/v2/email/identities", v2::createEmailIdentity)
                .get("/v2/email/identities", v2::listEmailIdentities)
                .post("/v2/email/list-identities", v2::listEmailIdentities)
                .get("/v2/email/identities/{identity}", v2::getEmailIdentity)
                .delete("/v2/email/identities/{identity}", v2::deleteEmailIdentity)
                .post("/v2/email/templates", v2::createEmailTemplate)
                .get("/v2/email/templates", v2::listEmailTemplates)
                .get("/v2/email/templates/{name}", v2::getEmailTemplate)
                .put("/v2/email/templates/{name}", v2::updateEmailTemplate)
                .delete("/v2/email/templates/{name}", v2::deleteEmailTemplate)
                .get("/v2/email/account", v2::getAccount);
        routes.http().get("/_aws/ses", sentMail::list);
        routes.http().delete("/_aws/ses", sentMail::clear);
        routes.http().get("/_localstack/ses", sentMail::list); // LocalStack before 2.0 served it here
        routes.http().delete("/_localstack/ses", sentMail::clear);
        routes.http().get("/_ats/mails", sentMail::deliveries);
        routes.http().get("/_ats/mails/{id}", sentMail::delivery);
    }
}
