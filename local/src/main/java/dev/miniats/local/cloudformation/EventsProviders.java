package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.LocalRule;
import dev.miniats.local.events.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AWS::Events::EventBus and AWS::Events::Rule (with its Targets), made on the runtime's one
 * {@link EventBus}, so {@code aws events list-rules} shows them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html).
 */
final class EventsProviders {
    private EventsProviders() {
    }

    static void register(ResourceProviders registry, EventBus bus) {
        registry.register("AWS::Events::EventBus", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("Name").asText(naming.name(256));
                bus.createBus(name);
                return new Made(name, Map.of("Name", name, "Arn", bus.busArn(name)));
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                if (bus.hasBus(physicalId)) {
                    bus.deleteBus(physicalId);
                }
            }
        });
        registry.register("AWS::Events::Rule", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                return put(p.path("Name").asText(naming.name(64)), p);
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                String busName = EventBus.busName(after.path("EventBusName").asText(EventBus.DEFAULT_BUS));
                String oldBus = EventBus.busName(before.path("EventBusName").asText(EventBus.DEFAULT_BUS));
                boolean renamed = after.has("Name") && !after.path("Name").equals(before.path("Name"));
                return busName.equals(oldBus) && !renamed ? put(ruleName(physicalId), after) : null;
            }

            private Made put(String name, JsonNode p) {
                String busName = EventBus.busName(p.path("EventBusName").asText(EventBus.DEFAULT_BUS));
                if (!p.has("EventPattern")) {
                    throw CfnException.invalid("Rule " + name + " has no EventPattern; the local runtime runs pattern rules only"
                            + " (use EventBridge Scheduler for schedules)");
                }
                JsonNode pattern = p.get("EventPattern");
                LocalRule rule = new LocalRule(busName, name, pattern.isTextual() ? pattern.asText() : pattern.toString(),
                        p.path("Description").asText(null), !"DISABLED".equals(p.path("State").asText("ENABLED")), false, targets(p));
                bus.putRule(rule);
                String physicalId = busName.equals(EventBus.DEFAULT_BUS) ? name : busName + "|" + name;
                return new Made(physicalId, Map.of("Arn", rule.arn(bus.region(), bus.account())));
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                String busName = physicalId.contains("|") ? physicalId.substring(0, physicalId.indexOf('|')) : EventBus.DEFAULT_BUS;
                bus.rule(busName, ruleName(physicalId)).ifPresent(rule -> {
                    // EventBridge deletes no rule with targets; CloudFormation removes them first
                    bus.removeTargets(busName, rule.name(), rule.targets().stream().map(Target::id).toList());
                    bus.deleteRule(busName, rule.name());
                });
            }
        });
    }

    private static String ruleName(String physicalId) {
        return physicalId.substring(physicalId.indexOf('|') + 1);
    }

    private static List<Target> targets(JsonNode p) {
        List<Target> out = new ArrayList<>();
        for (JsonNode t : p.path("Targets")) {
            JsonNode retry = t.path("RetryPolicy");
            RetryPolicy policy = retry.isMissingNode() ? RetryPolicy.DEFAULT : new RetryPolicy(
                    retry.path("MaximumRetryAttempts").asInt(RetryPolicy.MAX_RETRY_ATTEMPTS),
                    retry.path("MaximumEventAgeInSeconds").asInt(RetryPolicy.MAX_EVENT_AGE_SECONDS));
            out.add(new Target(t.path("Id").asText(), t.path("Arn").asText(), t.path("Input").asText(null),
                    t.path("InputPath").asText(null), null, policy, t.path("DeadLetterConfig").path("Arn").asText(null),
                    t.path("SqsParameters").path("MessageGroupId").asText(null)));
        }
        return out;
    }
}
