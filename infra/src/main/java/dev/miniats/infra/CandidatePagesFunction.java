package dev.miniats.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.core.routing.Route;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.pages.CandidatePagesHandler;
import dev.miniats.functions.pages.PagesEnvironment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The candidate pages on AWS: {@code candidate-pages} (the same {@link CandidatePagesHandler} the
 * local runtime serves {@code /candidate/...} and {@code /apply/...} with) behind a public Lambda
 * function URL, its table of answers and asking events, and the rule that hands it the hiring
 * events whose mails carry links, so an answer can copy the detail it answers.
 *
 * <p>The URL has AuthType NONE: a candidate has no AWS credentials, and every answer is
 * authorized by its signed link instead. CDK adds the resource-based permission AWS requires for
 * such a URL ({@code lambda:InvokeFunctionUrl} for principal {@code *} with
 * {@code lambda:FunctionUrlAuthType NONE}; https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
 */
final class CandidatePagesFunction extends Construct {
    static final String FUNCTION_NAME = "candidate-pages";
    static final String ASKING_RULE = "candidate-pages-asking";
    /** The hiring events whose mails carry signed links (see core's HiringEmails). */
    static final List<DetailType> ASKING = List.of(DetailType.SEND_ASSESSMENT, DetailType.SCHEDULE_INTERVIEW,
            DetailType.RESCHEDULE_INTERVIEW, DetailType.SEND_OFFER_LETTER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Table table;
    private final HiringLambda lambda;
    private final FunctionUrl url;
    private final HiringRoute asking;

    CandidatePagesFunction(Construct scope, String id, StackSettings settings, Deployment.Inputs inputs, IEventBus bus,
                           String linkSecret) {
        super(scope, id);
        table = Table.Builder.create(this, "Answers")
                .tableName(settings.physicalName(FUNCTION_NAME))
                .partitionKey(Attribute.builder().name("id").type(AttributeType.STRING).build())
                .timeToLiveAttribute("expiration")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        lambda = new HiringLambda(this, "Pages", FUNCTION_NAME,
                "Serves the candidate pages: signed answer links and the apply form; publishes each answer once",
                CandidatePagesHandler.class.getName() + "::handleRequest", settings, inputs,
                Map.of(PagesEnvironment.PAGES_TABLE, table.getTableName(),
                        PagesEnvironment.BUS_NAME, bus.getEventBusName(),
                        PagesEnvironment.LINK_SECRET, linkSecret));
        lambda.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"))
                .resources(List.of(table.getTableArn()))
                .build());
        lambda.allowPutEvents(bus);
        url = lambda.live().addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.NONE).build());
        asking = new HiringRoute(this, "AskingRoute", askingRoute(), bus, lambda.live());
    }

    /** The stack's one rule beyond the routing declaration: the local runtime reads the asking events from its event log instead. */
    static Route askingRoute() {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(RoutingDeclaration.SOURCE);
        ASKING.forEach(type -> pattern.withArray("detail-type").add(type.wireName()));
        return new Route(ASKING_RULE, "Hands the candidate pages each hiring event whose mail carries answer links",
                pattern.toString(), FUNCTION_NAME, RetryPolicy.DEFAULT, true);
    }

    /** The function URL (ends with a slash): the base of every answer link the hiring mails carry. */
    String url() {
        return url.getUrl();
    }

    HiringLambda lambda() {
        return lambda;
    }

    Table table() {
        return table;
    }

    HiringRoute asking() {
        return asking;
    }
}
