package dev.miniats.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.Json;
import dev.miniats.local.aws.JsonRouter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge's rules, their targets and TestEventPattern over JSON 1.1, with EventBridge's
 * request shapes, answers and error codes
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html). Thread-safe.
 */
final class RuleApi {
    private static final List<String> EVENT_FIELDS = List.of("id", "account", "source", "time", "region", "detail-type");
    private static final int MAX_TARGETS_PER_REQUEST = 10;

    private final EventBus bus;
    private final BusTags tags;

    RuleApi(EventBus bus, BusTags tags) {
        this.bus = bus;
        this.tags = tags;
    }

    void registerOn(JsonRouter router) {
        router.on("PutRule", PutRuleRequest.class, this::putRule)
                .on("DeleteRule", RuleRequest.class, (r, call) -> run(() -> bus.deleteRule(r.bus(), r.rule())))
                .on("ListRules", ListRulesRequest.class, this::listRules)
                .on("DescribeRule", RuleRequest.class, this::describeRule)
                .on("EnableRule", RuleRequest.class, (r, call) -> run(() -> bus.setEnabled(r.bus(), r.rule(), true)))
                .on("DisableRule", RuleRequest.class, (r, call) -> run(() -> bus.setEnabled(r.bus(), r.rule(), false)))
                .on("PutTargets", PutTargetsRequest.class, this::putTargets)
                .on("RemoveTargets", RemoveTargetsRequest.class, this::removeTargets)
                .on("ListTargetsByRule", ListTargetsByRuleRequest.class, this::listTargetsByRule)
                .on("TestEventPattern", TestEventPatternRequest.class, this::testEventPattern);
    }

    record PutRuleRequest(String name, String eventBusName, String eventPattern, String scheduleExpression, String state,
                          String description, List<TagApi.Tag> tags) {
        PutRuleRequest {
            Fields.required(name, "Name", Fields.RULE_NAME);
            if (scheduleExpression != null) {
                throw new BusException.Validation("ScheduleExpression is not supported by the local bus; use EventPattern.");
            }
            if (eventPattern == null) {
                throw new BusException.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
            }
            if (state != null && !state.equals("ENABLED") && !state.equals("DISABLED")) {
                throw new BusException.Validation("1 validation error detected: Value '" + state
                        + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
            }
        }
    }

    record RuleArnAnswer(String ruleArn) {
    }

    /** A request naming one rule on one bus (the default bus when EventBusName is absent). */
    record RuleRequest(String name, String eventBusName) {
        String bus() {
            return EventBus.busName(eventBusName);
        }

        String rule() {
            return Fields.required(name, "Name", Fields.RULE_NAME);
        }
    }

    record ListRulesRequest(String namePrefix, String eventBusName, String nextToken, Integer limit) {
    }

    record ListRulesAnswer(List<RuleView> rules, String nextToken) {
    }

    /** EventBridge's Rule as ListRules answers it; DescribeRule adds CreatedBy. */
    record RuleView(String name, String arn, String eventPattern, String state, String description, String eventBusName,
                    String createdBy) {
    }

    record PutTargetsRequest(String rule, String eventBusName, List<TargetShape> targets) {
        PutTargetsRequest {
            Fields.required(rule, "Rule", Fields.RULE_NAME);
            if (targets == null || targets.isEmpty() || targets.size() > MAX_TARGETS_PER_REQUEST || targets.contains(null)) {
                throw new BusException.Validation("1 validation error detected: Value at 'targets' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 10 and greater than or equal to 1");
            }
        }
    }

    record RemoveTargetsRequest(String rule, String eventBusName, List<String> ids) {
        RemoveTargetsRequest {
            Fields.required(rule, "Rule", Fields.RULE_NAME);
            if (ids == null || ids.isEmpty()) {
                throw new BusException.Validation("1 validation error detected: Value at 'ids' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
            }
        }
    }

    /** PutTargets' and RemoveTargets' answer: the local bus applies all entries or fails the request. */
    record FailedEntriesAnswer(int failedEntryCount, List<Object> failedEntries) {
        static final FailedEntriesAnswer NONE = new FailedEntriesAnswer(0, List.of());
    }

    record ListTargetsByRuleRequest(String rule, String eventBusName, String nextToken, Integer limit) {
    }

    record ListTargetsAnswer(List<TargetShape> targets, String nextToken) {
    }

    record TestEventPatternRequest(String eventPattern, String event) {
    }

    record TestEventPatternAnswer(boolean result) {
    }

    private static Void run(Runnable change) {
        change.run();
        return null;
    }

    /** Tags are kept only when the rule is created: "When you initially create a rule, you can optionally assign one or more tags" (PutRule). */
    private RuleArnAnswer putRule(PutRuleRequest request, AwsRequest call) {
        String busName = EventBus.busName(request.eventBusName());
        Map<String, String> initial = request.tags() == null ? Map.of() : TagApi.validated(request.tags(), "tags");
        Optional<LocalRule> existing = bus.rule(busName, request.name());
        List<Target> targets = existing.map(LocalRule::targets).orElse(List.of());
        LocalRule rule = new LocalRule(busName, request.name(), request.eventPattern(), request.description(),
                !"DISABLED".equals(request.state()), false, targets);
        bus.putRule(rule);
        if (existing.isEmpty() && !initial.isEmpty()) {
            tags.tag(busName, request.name(), initial);
        }
        return new RuleArnAnswer(rule.arn(bus.region(), bus.account()));
    }

    private ListRulesAnswer listRules(ListRulesRequest request, AwsRequest call) {
        String busName = EventBus.busName(request.eventBusName());
        if (!bus.hasBus(busName)) {
            throw new BusException.NotFound("Event bus " + busName + " does not exist.");
        }
        String prefix = request.namePrefix();
        List<LocalRule> rules = bus.rules(busName).stream().filter(r -> prefix == null || r.name().startsWith(prefix)).toList();
        Page<LocalRule> page = Page.of(rules, LocalRule::name, request.limit(), request.nextToken());
        return new ListRulesAnswer(page.items().stream().map(r -> view(r, null)).toList(), page.nextToken());
    }

    private RuleView describeRule(RuleRequest request, AwsRequest call) {
        return view(bus.requireRule(request.bus(), request.rule()), bus.account());
    }

    private RuleView view(LocalRule rule, String createdBy) {
        return new RuleView(rule.name(), rule.arn(bus.region(), bus.account()), rule.eventPattern(),
                rule.enabled() ? "ENABLED" : "DISABLED", rule.description(), rule.bus(), createdBy);
    }

    private FailedEntriesAnswer putTargets(PutTargetsRequest request, AwsRequest call) {
        List<Target> targets = request.targets().stream().map(TargetShape::toTarget).toList();
        bus.putTargets(EventBus.busName(request.eventBusName()), request.rule(), targets);
        return FailedEntriesAnswer.NONE;
    }

    private FailedEntriesAnswer removeTargets(RemoveTargetsRequest request, AwsRequest call) {
        bus.removeTargets(EventBus.busName(request.eventBusName()), request.rule(), request.ids());
        return FailedEntriesAnswer.NONE;
    }

    /** Targets in id order: the order they have after a restart (RuleStore reads them by id), so pages are stable. */
    private ListTargetsAnswer listTargetsByRule(ListTargetsByRuleRequest request, AwsRequest call) {
        LocalRule rule = bus.requireRule(EventBus.busName(request.eventBusName()), Fields.required(request.rule(), "Rule", Fields.RULE_NAME));
        Page<Target> page = Page.of(rule.targets(), Target::id, request.limit(), request.nextToken());
        return new ListTargetsAnswer(page.items().stream().map(TargetShape::of).toList(), page.nextToken());
    }

    private TestEventPatternAnswer testEventPattern(TestEventPatternRequest request, AwsRequest call) {
        if (request.eventPattern() == null || request.event() == null) {
            throw new BusException.Validation("Parameters EventPattern and Event are required.");
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(request.event());
        } catch (JsonProcessingException e) {
            throw new BusException.Validation("Parameter Event is not valid: " + e.getOriginalMessage());
        }
        for (String field : EVENT_FIELDS) {
            if (parsed == null || !parsed.isObject() || !parsed.has(field)) {
                throw new BusException.Validation("Parameter Event is not valid: the event must have the fields " + EVENT_FIELDS
                        + "; " + field + " is missing.");
            }
        }
        return new TestEventPatternAnswer(PatternTester.matches(request.eventPattern(), request.event()));
    }
}
