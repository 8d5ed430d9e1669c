package dev.miniats.local.cloudformation;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryRouter;
import dev.miniats.local.aws.QueryXml;
import dev.miniats.local.ecr.Repositories;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.iam.Iam;
import dev.miniats.local.lambda.FunctionResources;
import dev.miniats.local.scheduler.SchedulerService;
import dev.miniats.local.ses.Identities;
import dev.miniats.local.ses.ReceiptRules;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.ssm.ParameterStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * CloudFormation over the Query protocol, version 2010-05-15
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/): stacks, change sets (what
 * {@code aws cloudformation deploy} uses) and exports, made of resources in the runtime's own
 * services. Stacks persist in SQLite. Thread-safe.
 */
public final class CloudFormation implements AwsService, AutoCloseable {
    private final StackStore store;
    private final StackEngine engine;
    private final StackRequests requests;

    public CloudFormation(Database db, Clock clock, Arns arns, EventBus bus, Iam iam, Identities identities, FunctionResources lambda,
                          StackBackends backends, SchedulerService scheduler, ParameterStore parameters, Repositories repositories,
                          ReceiptRules receiptRules) {
        ResourceProviders providers = new ResourceProviders();
        EventsProviders.register(providers, bus);
        IamProviders.register(providers, iam);
        OtherProviders.register(providers, identities, arns);
        LambdaProviders.register(providers, lambda, backends.s3());
        StorageProviders.register(providers, backends.s3(), backends.sqs(), backends.dynamoDb(), arns.region(), clock);
        providers.register("AWS::Events::Archive", new ArchiveProvider(backends.archives(), arns));
        providers.register(ResourceProviders.CUSTOM_RESOURCE, new CustomResourceProvider(backends.s3(),
                (function, qualifier, payload) -> backends.functions().invoke(function, qualifier, payload, null, invocation -> { }),
                backends.endpoint(), clock, backends.customResourceTimeout(), arns.region()));
        providers.register("AWS::Lambda::Url", new LambdaUrlProvider(lambda));
        SchedulerProviders.register(providers, scheduler);
        SsmProviders.register(providers, parameters);
        EcrProviders.register(providers, repositories);
        S3PolicyProviders.register(providers, backends.s3());
        SesReceiptProviders.register(providers, receiptRules);
        SsmValues ssm = new SsmValues(parameters);
        this.store = new StackStore(db);
        this.engine = new StackEngine(store, providers, clock, arns.region(), arns.account(), ssm::resolveReferences);
        this.requests = new StackRequests(store, engine, clock, arns, new TemplateUrls(backends.s3()), ssm);
    }

    @Override
    public void register(AwsRoutes routes) {
        QueryRouter r = new QueryRouter("cloudformation", "2010-05-15");
        r.on("ValidateTemplate", (p, x, call) -> validateTemplate(p, x));
        r.on("GetTemplateSummary", (p, x, call) -> templateSummary(p, x));
        r.on("CreateStack", (p, x, call) -> x.element("StackId", requests.create(p).stackId()));
        r.on("UpdateStack", (p, x, call) -> x.element("StackId", requests.update(p).stackId()));
        r.on("DeleteStack", (p, x, call) -> requests.delete(p.required("StackName")));
        r.on("DescribeStacks", (p, x, call) -> {
            String name = p.optional("StackName");
            List<Stack> stacks = name == null ? store.all().stream().filter(s -> !s.deleted()).toList() : List.of(requests.require(name));
            CfnXml.members(x, "Stacks", stacks, s -> CfnXml.stack(x, s));
        });
        r.on("ListStacks", (p, x, call) -> {
            Set<String> filter = Set.copyOf(p.members("StackStatusFilter"));
            List<Stack> stacks = new ArrayList<>(store.all().stream().filter(s -> filter.isEmpty() || filter.contains(s.status())).toList());
            stacks.sort(Comparator.comparingLong(Stack::createdAt).reversed());
            CfnXml.members(x, "StackSummaries", stacks, s -> x.element("StackId", s.stackId()).element("StackName", s.stackName())
                    .element("TemplateDescription", s.description()).element("CreationTime", CfnXml.time(s.createdAt()))
                    .element("DeletionTime", s.deletedAt() == null ? null : CfnXml.time(s.deletedAt()))
                    .element("StackStatus", s.status()).element("StackStatusReason", s.statusReason()));
        });
        r.on("DescribeStackEvents", (p, x, call) ->
                CfnXml.members(x, "StackEvents", store.events(requests.require(p.required("StackName")).stackId()), e -> CfnXml.event(x, e)));
        r.on("DescribeStackResources", (p, x, call) -> {
            Stack s = requests.require(p.required("StackName"));
            String logical = p.optional("LogicalResourceId");
            List<Stack.Resource> list = s.resources().values().stream().filter(res -> logical == null || logical.equals(res.logicalId())).toList();
            CfnXml.members(x, "StackResources", list, res -> CfnXml.resource(x, s, res, false));
        });
        r.on("DescribeStackResource", (p, x, call) -> {
            Stack s = requests.require(p.required("StackName"));
            String logical = p.required("LogicalResourceId");
            Stack.Resource res = s.resources().get(logical);
            if (res == null) {
                throw CfnException.invalid("Resource " + logical + " does not exist for stack " + s.stackName());
            }
            x.start("StackResourceDetail");
            CfnXml.resource(x, s, res, true);
            x.end();
        });
        r.on("ListStackResources", (p, x, call) -> {
            Stack s = requests.require(p.required("StackName"));
            CfnXml.members(x, "StackResourceSummaries", List.copyOf(s.resources().values()), res -> x
                    .element("LogicalResourceId", res.logicalId()).element("PhysicalResourceId", res.physicalId())
                    .element("ResourceType", res.type()).element("LastUpdatedTimestamp", CfnXml.time(res.updatedAt()))
                    .element("ResourceStatus", res.status()).element("ResourceStatusReason", res.reason()));
        });
        r.on("GetTemplate", (p, x, call) -> {
            String changeSet = p.optional("ChangeSetName");
            x.element("TemplateBody", changeSet == null ? requests.require(p.required("StackName")).templateBody()
                    : requests.changeSet(p.optional("StackName"), changeSet).templateBody());
            x.start("StagesAvailable").element("member", "Original").element("member", "Processed").end();
        });
        r.on("ListExports", (p, x, call) -> {
            List<String[]> exports = new ArrayList<>();
            store.all().stream().filter(s -> !s.deleted()).forEach(s -> s.outputs().stream().filter(o -> o.exportName() != null)
                    .forEach(o -> exports.add(new String[]{s.stackId(), o.exportName(), o.outputValue()})));
            CfnXml.members(x, "Exports", exports, e -> x.element("ExportingStackId", e[0]).element("Name", e[1]).element("Value", e[2]));
        });
        r.on("CreateChangeSet", (p, x, call) -> {
            ChangeSet c = requests.createChangeSet(p);
            x.element("Id", c.changeSetId()).element("StackId", c.stackId());
        });
        r.on("DescribeChangeSet", (p, x, call) ->
                CfnXml.changeSet(x, requests.changeSet(p.optional("StackName"), p.required("ChangeSetName")), true));
        r.on("ExecuteChangeSet", (p, x, call) -> requests.executeChangeSet(p.optional("StackName"), p.required("ChangeSetName")));
        r.on("DeleteChangeSet", (p, x, call) -> requests.deleteChangeSet(p.optional("StackName"), p.required("ChangeSetName")));
        r.on("ListChangeSets", (p, x, call) -> CfnXml.members(x, "Summaries",
                store.changeSets(requests.require(p.required("StackName")).stackId()), c -> CfnXml.changeSet(x, c, false)));
        routes.query(r);
    }

    private void validateTemplate(QueryParams p, QueryXml x) {
        Template t = Template.parse(requests.body(p));
        CfnXml.members(x, "Parameters", t.parameters().list(), d -> x.element("ParameterKey", d.name())
                .element("DefaultValue", d.defaultValue()).element("NoEcho", d.noEcho()).element("Description", d.description()));
        x.element("Description", t.description());
        String capability = t.requiredCapability();
        CfnXml.strings(x, "Capabilities", capability == null ? List.of() : List.of(capability));
        x.element("CapabilitiesReason", capability == null ? null : "The following resource(s) require capabilities: "
                + t.resources().values().stream().map(res -> res.path("Type").asText()).filter(type -> type.startsWith("AWS::IAM::"))
                .distinct().sorted().toList());
    }

    private void templateSummary(QueryParams p, QueryXml x) {
        Template t = Template.parse(p.optional("StackName") != null && p.optional("TemplateBody") == null
                ? requests.require(p.optional("StackName")).templateBody() : requests.body(p));
        CfnXml.members(x, "Parameters", t.parameters().list(), d -> x.element("ParameterKey", d.name())
                .element("DefaultValue", d.defaultValue()).element("ParameterType", d.type()).element("NoEcho", d.noEcho())
                .element("Description", d.description()));
        x.element("Description", t.description());
        String capability = t.requiredCapability();
        CfnXml.strings(x, "Capabilities", capability == null ? List.of() : List.of(capability));
        CfnXml.strings(x, "ResourceTypes", t.resources().values().stream().map(res -> res.path("Type").asText()).distinct().toList());
        x.element("Version", t.tree().path("AWSTemplateFormatVersion").asText(null));
    }

    @Override
    public void close() {
        engine.close();
    }
}
