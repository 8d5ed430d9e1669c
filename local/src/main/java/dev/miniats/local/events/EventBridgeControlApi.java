package dev.miniats.local.events;

import dev.miniats.local.aws.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.local.events.BusException;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.PatternTester;
import dev.miniats.local.events.LocalRule;
import dev.miniats.local.events.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EventBridge's buses, rules, targets and TestEventPattern over JSON 1.1, with EventBridge's
 * request shapes, answers and error codes
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html).
 * Registered on {@link EventBridgeApi}. Thread-safe.
 */
public final class EventBridgeControlApi {
    private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern TARGET_ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final List<String> EVENT_FIELDS = List.of("id", "account", "source", "time", "region", "detail-type");

    private final EventBus bus;

    public EventBridgeControlApi(EventBus bus) {
        this.bus = bus;
    }

    public void registerOn(EventBridgeApi api) {
        api.register("CreateEventBus", this::createEventBus);
        api.register("DeleteEventBus", this::deleteEventBus);
        api.register("ListEventBuses", this::listEventBuses);
        api.register("DescribeEventBus", this::describeEventBus);
        api.register("PutRule", this::putRule);
        api.register("DeleteRule", this::deleteRule);
        api.register("ListRules", this::listRules);
        api.register("DescribeRule", this::describeRule);
        api.register("EnableRule", r -> setEnabled(r, true));
        api.register("DisableRule", r -> setEnabled(r, false));
        api.register("PutTargets", this::putTargets);
        api.register("RemoveTargets", this::removeTargets);
        api.register("ListTargetsByRule", this::listTargetsByRule);
        api.register("TestEventPattern", this::testEventPattern);
    }

    private Object createEventBus(JsonNode request) {
        String name = required(request, "Name", BUS_NAME);
        if (name.startsWith("aws.")) {
            throw new BusException.Validation("Event bus names starting with aws. are reserved for partner event sources.");
        }
        bus.createBus(name);
        return Map.of("EventBusArn", bus.busArn(name));
    }

    private Object deleteEventBus(JsonNode request) {
        bus.deleteBus(required(request, "Name", BUS_NAME));
        return Map.of();
    }

    private Object listEventBuses(JsonNode request) {
        String prefix = Json.text(request, "NamePrefix");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String name : bus.buses()) {
            if (prefix == null || name.startsWith(prefix)) {
                out.add(busJson(name));
            }
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("EventBuses", limit(out, request));
        return answer;
    }

    private Object describeEventBus(JsonNode request) {
        String name = EventBus.busName(Json.text(request, "Name"));
        if (!bus.hasBus(name)) {
            throw new BusException.NotFound("Event bus " + name + " does not exist.");
        }
        return busJson(name);
    }

    private ObjectNode busJson(String name) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("Name", name);
        node.put("Arn", bus.busArn(name));
        node.put("CreationTime", bus.busCreated(name).getEpochSecond());
        return node;
    }

    private Object putRule(JsonNode request) {
        String name = required(request, "Name", RULE_NAME);
        String busName = EventBus.busName(Json.text(request, "EventBusName"));
        if (Json.text(request, "ScheduleExpression") != null) {
            throw new BusException.Validation("ScheduleExpression is not supported by the local bus; use EventPattern.");
        }
        String pattern = Json.text(request, "EventPattern");
        if (pattern == null) {
            throw new BusException.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        String state = Json.text(request, "State");
        if (state != null && !state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw new BusException.Validation("1 validation error detected: Value '" + state
                    + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
        }
        List<Target> targets = bus.rule(busName, name).map(LocalRule::targets).orElse(List.of());
        LocalRule rule = new LocalRule(busName, name, pattern, Json.text(request, "Description"), !"DISABLED".equals(state), false, targets);
        bus.putRule(rule);
        return Map.of("RuleArn", rule.arn(bus.region(), bus.account()));
    }

    private Object deleteRule(JsonNode request) {
        bus.deleteRule(EventBus.busName(Json.text(request, "EventBusName")), required(request, "Name", RULE_NAME));
        return Map.of();
    }

    private Object listRules(JsonNode request) {
        String prefix = Json.text(request, "NamePrefix");
        ArrayNode out = Json.MAPPER.createArrayNode();
        String busName = EventBus.busName(Json.text(request, "EventBusName"));
        if (!bus.hasBus(busName)) {
            throw new BusException.NotFound("Event bus " + busName + " does not exist.");
        }
        for (LocalRule rule : bus.rules(busName)) {
            if (prefix == null || rule.name().startsWith(prefix)) {
                out.add(ruleJson(rule));
            }
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("Rules", limit(out, request));
        return answer;
    }

    private Object describeRule(JsonNode request) {
        LocalRule rule = bus.requireRule(EventBus.busName(Json.text(request, "EventBusName")), required(request, "Name", RULE_NAME));
        ObjectNode node = ruleJson(rule);
        node.put("CreatedBy", bus.account());
        return node;
    }

    private ObjectNode ruleJson(LocalRule rule) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("Name", rule.name());
        node.put("Arn", rule.arn(bus.region(), bus.account()));
        node.put("EventPattern", rule.eventPattern());
        node.put("State", rule.enabled() ? "ENABLED" : "DISABLED");
        if (rule.description() != null) {
            node.put("Description", rule.description());
        }
        node.put("EventBusName", rule.bus());
        return node;
    }

    private Object setEnabled(JsonNode request, boolean enabled) {
        bus.setEnabled(EventBus.busName(Json.text(request, "EventBusName")), required(request, "Name", RULE_NAME), enabled);
        return Map.of();
    }

    private Object putTargets(JsonNode request) {
        String rule = required(request, "Rule", RULE_NAME);
        JsonNode targets = request.get("Targets");
        if (targets == null || !targets.isArray() || targets.isEmpty() || targets.size() > 10) {
            throw new BusException.Validation("1 validation error detected: Value at 'targets' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        List<Target> parsed = new ArrayList<>();
        for (JsonNode t : targets) {
            parsed.add(target(t));
        }
        bus.putTargets(EventBus.busName(Json.text(request, "EventBusName")), rule, parsed);
        return noFailedEntries();
    }

    private Object removeTargets(JsonNode request) {
        String rule = required(request, "Rule", RULE_NAME);
        List<String> ids = new ArrayList<>();
        request.path("Ids").forEach(id -> ids.add(id.asText()));
        if (ids.isEmpty()) {
            throw new BusException.Validation("1 validation error detected: Value at 'ids' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        bus.removeTargets(EventBus.busName(Json.text(request, "EventBusName")), rule, ids);
        return noFailedEntries();
    }

    private static ObjectNode noFailedEntries() {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("FailedEntryCount", 0);
        answer.putArray("FailedEntries");
        return answer;
    }

    private Object listTargetsByRule(JsonNode request) {
        LocalRule rule = bus.requireRule(EventBus.busName(Json.text(request, "EventBusName")), required(request, "Rule", RULE_NAME));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Target t : rule.targets()) {
            ObjectNode node = out.addObject();
            node.put("Id", t.id());
            node.put("Arn", t.arn());
            if (t.input() != null) {
                node.put("Input", t.input());
            }
            if (t.inputPath() != null) {
                node.put("InputPath", t.inputPath());
            }
            if (t.inputTransformer() != null) {
                ObjectNode transformer = node.putObject("InputTransformer");
                ObjectNode paths = transformer.putObject("InputPathsMap");
                t.inputTransformer().inputPathsMap().forEach(paths::put);
                transformer.put("InputTemplate", t.inputTransformer().inputTemplate());
            }
            ObjectNode retry = node.putObject("RetryPolicy");
            retry.put("MaximumRetryAttempts", t.retryPolicy().maximumRetryAttempts());
            retry.put("MaximumEventAgeInSeconds", t.retryPolicy().maximumEventAgeSeconds());
            if (t.deadLetterArn() != null) {
                node.putObject("DeadLetterConfig").put("Arn", t.deadLetterArn());
            }
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("Targets", out);
        return answer;
    }

    private Object testEventPattern(JsonNode request) {
        String pattern = Json.text(request, "EventPattern");
        String event = Json.text(request, "Event");
        if (pattern == null || event == null) {
            throw new BusException.Validation("Parameters EventPattern and Event are required.");
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BusException.Validation("Parameter Event is not valid: " + e.getOriginalMessage());
        }
        for (String field : EVENT_FIELDS) {
            if (parsed == null || !parsed.isObject() || !parsed.has(field)) {
                throw new BusException.Validation("Parameter Event is not valid: the event must have the fields " + EVENT_FIELDS
                        + "; " + field + " is missing.");
            }
        }
        return Map.of("Result", PatternTester.matches(pattern, event));
    }

    private static Target target(JsonNode t) {
        String id = required(t, "Id", TARGET_ID);
        String arn = Json.text(t, "Arn");
        if (arn == null || !arn.startsWith("arn:")) {
            throw new BusException.Validation("Parameter Arn of target " + id + " is not valid: expected an ARN, got " + arn);
        }
        Target.InputTransformer transformer = null;
        JsonNode it = t.get("InputTransformer");
        if (it != null && !it.isNull()) {
            String template = Json.text(it, "InputTemplate");
            if (template == null) {
                throw new BusException.Validation("InputTransformer of target " + id + " has no InputTemplate.");
            }
            Map<String, String> paths = new LinkedHashMap<>();
            it.path("InputPathsMap").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue().asText()));
            for (String key : paths.keySet()) {
                if (key.startsWith("aws.events.")) {
                    throw new BusException.Validation("InputPathsMap key " + key + " is reserved (aws.events.* are predefined).");
                }
            }
            if (paths.size() > 100) {
                throw new BusException.Validation("InputPathsMap has " + paths.size() + " entries; the maximum is 100.");
            }
            transformer = new Target.InputTransformer(paths, template);
        }
        String input = Json.text(t, "Input");
        if (input != null) {
            try {
                Json.MAPPER.readTree(input);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new BusException.Validation("Input of target " + id + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        RetryPolicy retry = RetryPolicy.DEFAULT;
        JsonNode rp = t.get("RetryPolicy");
        if (rp != null && !rp.isNull()) {
            try {
                retry = new RetryPolicy(rp.path("MaximumRetryAttempts").asInt(RetryPolicy.MAX_RETRY_ATTEMPTS),
                        rp.path("MaximumEventAgeInSeconds").asInt(RetryPolicy.MAX_EVENT_AGE_SECONDS));
            } catch (IllegalArgumentException e) {
                throw new BusException.Validation("RetryPolicy of target " + id + " is not valid: " + e.getMessage());
            }
        }
        String deadLetter = t.path("DeadLetterConfig").path("Arn").asText(null);
        return new Target(id, arn, input, Json.text(t, "InputPath"), transformer, retry, deadLetter);
    }

    private static String required(JsonNode request, String field, Pattern shape) {
        String value = Json.text(request, field);
        if (value == null) {
            throw new BusException.Validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!shape.matcher(value).matches()) {
            throw new BusException.Validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + shape.pattern());
        }
        return value;
    }

    private static ArrayNode limit(ArrayNode all, JsonNode request) {
        int limit = request.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw new BusException.Validation("Limit is " + limit + "; expected 1 to 100");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < Math.min(limit, all.size()); i++) {
            out.add(all.get(i));
        }
        return out;
    }
}
