package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.scheduler.SchedulerService;

import java.util.Map;

/**
 * AWS::Scheduler::ScheduleGroup, made in the runtime's EventBridge Scheduler
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-scheduler-schedulegroup.html):
 * Ref is the group's name, Fn::GetAtt Arn its ARN. A new Name replaces the group, as on AWS;
 * deleting it deletes its schedules.
 */
final class SchedulerProviders {
    private SchedulerProviders() {
    }

    static void register(ResourceProviders registry, SchedulerService scheduler) {
        registry.register("AWS::Scheduler::ScheduleGroup", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("Name").asText(naming.name(64));
                if (!scheduler.createGroup(name)) {
                    throw CfnException.alreadyExists("Schedule group " + name + " already exists");
                }
                return new Made(name, Map.of("Arn", scheduler.groupArn(name), "State", "ACTIVE"));
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                return after.path("Name").equals(before.path("Name")) ? new Made(physicalId, attributes) : null;
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                scheduler.deleteGroup(physicalId);
            }
        });
    }
}
