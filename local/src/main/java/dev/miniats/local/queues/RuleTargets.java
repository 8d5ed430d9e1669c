package dev.miniats.local.queues;

import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.StoredEvent;
import dev.miniats.local.events.Target;
import dev.miniats.local.events.delivery.Delivery;

import java.util.Optional;

/** A delivery's rule and target as the bus holds them now (a delivery row names them, it does not copy them). */
final class RuleTargets {
    private final EventLog log;
    private final EventBus bus;

    RuleTargets(EventLog log, EventBus bus) {
        this.log = log;
        this.bus = bus;
    }

    /** The bus the delivery's event was put on; the default bus when the event is gone. */
    String busOf(Delivery delivery) {
        return log.event(delivery.eventId()).map(StoredEvent::bus).orElse(EventBus.DEFAULT_BUS);
    }

    Optional<Target> targetOf(Delivery delivery) {
        return bus.rule(busOf(delivery), delivery.rule())
                .flatMap(rule -> rule.targets().stream().filter(t -> t.id().equals(delivery.target())).findFirst());
    }

    String ruleArn(Delivery delivery) {
        return bus.arns().rule(busOf(delivery), delivery.rule());
    }

    /** The target's ARN; for a target removed since, its function's ARN (or its id when it had none). */
    String targetArn(Delivery delivery) {
        return targetOf(delivery).map(Target::arn)
                .orElse(delivery.function() != null ? bus.arns().lambdaFunction(delivery.function()) : delivery.target());
    }
}
