package dev.miniats.local.ses;

import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.Json;
import dev.miniats.local.iam.Iam;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.ses.SesV2Model.CreateEmailIdentityRequest;
import dev.miniats.local.ses.SesV2Model.CreateEmailTemplateRequest;
import dev.miniats.local.ses.SesV2Model.ListRequest;
import dev.miniats.local.ses.SesV2Model.SendEmailRequest;
import dev.miniats.local.ses.SesV2Model.UpdateEmailTemplateRequest;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.time.Clock;
import java.util.function.Function;

/**
 * SES on the runtime's port: v1 over Query, v2 over REST-JSON under {@code /v2/email}, and the
 * sent-mail APIs ({@code /_aws/ses} as LocalStack serves it, {@code /_ats/mails} with delivery state).
 * The v2 operations take and return records; the handlers here read the body or path into them
 * and write the answer. Thread-safe.
 */
public final class SesService implements AwsService {
    private static final String JSON = "application/json";

    private final SesV1Api v1;
    private final SesV2Api v2;
    private final SentMailApi sentMail;
    private final String region;

    public SesService(LocalSes ses, Identities identities, Templates templates, MailStore mails, String region, Clock clock, Iam iam,
                      String account, ReceiptRules receiptRules) {
        SendPermissions permissions = new SendPermissions(iam, identities, region, account);
        this.v1 = new SesV1Api(ses, identities, templates, mails, clock, permissions, receiptRules);
        this.v2 = new SesV2Api(ses, identities, templates, mails, clock, permissions);
        this.sentMail = new SentMailApi(mails, region, clock);
        this.region = region;
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.query(v1.router());
        routes.rest("ses")
                .post("/v2/email/outbound-emails", ctx -> answer(ctx,
                        v2.sendEmail(Json.body(ctx, SendEmailRequest.class), AwsRequest.of(ctx, null, region))))
                .post("/v2/email/identities", body(CreateEmailIdentityRequest.class, v2::createEmailIdentity))
                .get("/v2/email/identities", ctx -> answer(ctx, v2.listEmailIdentities(pageOf(ctx))))
                .post("/v2/email/list-identities", body(ListRequest.class, v2::listEmailIdentities))
                .get("/v2/email/identities/{identity}", named("identity", v2::getEmailIdentity))
                .delete("/v2/email/identities/{identity}", named("identity", v2::deleteEmailIdentity))
                .post("/v2/email/templates", body(CreateEmailTemplateRequest.class, v2::createEmailTemplate))
                .get("/v2/email/templates", ctx -> answer(ctx, v2.listEmailTemplates(pageOf(ctx))))
                .get("/v2/email/templates/{name}", named("name", v2::getEmailTemplate))
                .put("/v2/email/templates/{name}", ctx -> answer(ctx,
                        v2.updateEmailTemplate(ctx.pathParam("name"), Json.body(ctx, UpdateEmailTemplateRequest.class))))
                .delete("/v2/email/templates/{name}", named("name", v2::deleteEmailTemplate))
                .get("/v2/email/account", ctx -> answer(ctx, v2.getAccount()));
        Handler listSent = ctx -> answer(ctx, sentMail.list(ctx.queryParam("id"), ctx.queryParam("email")));
        routes.http().get("/_aws/ses", listSent);
        routes.http().delete("/_aws/ses", sentMail::clear);
        routes.http().get("/_localstack/ses", listSent); // LocalStack before 2.0 served it here
        routes.http().delete("/_localstack/ses", sentMail::clear);
        routes.http().get("/_ats/mails", ctx -> answer(ctx, sentMail.deliveries(ctx)));
        routes.http().get("/_ats/mails/{id}", named("id", sentMail::delivery));
    }

    /** An operation on the request body read as {@code type}. */
    private static <T> Handler body(Class<T> type, Function<T, ?> operation) {
        return ctx -> answer(ctx, operation.apply(Json.body(ctx, type)));
    }

    /** An operation on the resource named by path parameter {@code param}. */
    private static Handler named(String param, Function<String, ?> operation) {
        return ctx -> answer(ctx, operation.apply(ctx.pathParam(param)));
    }

    private static ListRequest pageOf(Context ctx) {
        return new ListRequest(ctx.queryParam("NextToken"), ctx.queryParam("PageSize"));
    }

    private static void answer(Context ctx, Object answer) {
        Json.answer(ctx, JSON, answer);
    }
}
