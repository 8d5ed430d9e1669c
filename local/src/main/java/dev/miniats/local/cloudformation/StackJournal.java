package dev.miniats.local.cloudformation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stack's state and story: saves each state it reaches and writes CloudFormation's stack events
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stack-resource-configuration-complete.html),
 * and acts on single resources (delete, put old properties back), each step told as events.
 * Called from the engine's one worker thread; the store is thread-safe.
 */
final class StackJournal {
    private static final Logger LOG = LoggerFactory.getLogger(StackJournal.class);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final StackStore store;
    private final ResourceProviders providers;
    private final Clock clock;

    StackJournal(StackStore store, ResourceProviders providers, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }

    void save(Stack s) {
        store.save(s);
    }

    /** Saves {@code s} in {@code status} and tells it as the stack's event. */
    Stack status(Stack s, String status, String reason) {
        Stack next = s.withStatus(status, reason, clock.millis());
        store.save(next);
        stackEvent(next, status, reason);
        return next;
    }

    void stackEvent(Stack s, String status, String reason) {
        store.event(new StackEvent(UUID.randomUUID().toString(), s.stackId(), s.stackName(), s.stackName(), s.stackId(),
                "AWS::CloudFormation::Stack", status, reason, clock.millis()));
    }

    void resourceEvent(Stack s, String logicalId, String physicalId, String type, String status, String reason) {
        store.event(new StackEvent(logicalId + "-" + status + "-" + UUID.randomUUID(), s.stackId(), s.stackName(), logicalId,
                physicalId, type, status, reason, clock.millis()));
    }

    /**
     * Deletes in reverse creation order every resource not in {@code keep} (all of them when it is
     * null), honouring {@code policies}' DeletionPolicy.
     */
    Stack removeAll(Stack stack, Template policies, Set<String> keep) {
        List<String> ids = new ArrayList<>(stack.resources().keySet());
        Stack s = stack;
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (keep == null || !keep.contains(ids.get(i))) {
                s = deleteOne(s, ids.get(i), policies, false);
            }
        }
        return s;
    }

    /**
     * Deletes one resource and takes it out of the stack; a {@code Retain} policy (from
     * {@code template}, ignored in a rollback) keeps the physical resource. A failed delete leaves
     * the resource in the stack.
     */
    Stack deleteOne(Stack s, String id, Template template, boolean rollback) {
        Stack.Resource r = s.resources().get(id);
        if (r == null) {
            return s;
        }
        String policy = template == null ? "Delete" : template.resources().containsKey(id)
                ? template.resources().get(id).path("DeletionPolicy").asText("Delete") : "Delete";
        if (!rollback && policy.equals("Retain")) {
            resourceEvent(s, id, r.physicalId(), r.type(), "DELETE_SKIPPED", null);
            Stack next = s.withoutResource(id);
            store.save(next);
            return next;
        }
        resourceEvent(s, id, r.physicalId(), r.type(), "DELETE_IN_PROGRESS", null);
        try {
            providers.require(r.type()).delete(naming(s, id, r.type()), r.physicalId(), r.properties());
        } catch (RuntimeException e) {
            resourceEvent(s, id, r.physicalId(), r.type(), "DELETE_FAILED", e.getMessage());
            return s;
        }
        Stack next = s.withoutResource(id);
        store.save(next);
        resourceEvent(next, id, r.physicalId(), r.type(), "DELETE_COMPLETE", null);
        return next;
    }

    /** CloudFormation's cleanup after a replacement: the old physical resource goes once the update succeeded. */
    void deleteSuperseded(Stack s, Stack.Resource old) {
        resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "DELETE_IN_PROGRESS", null);
        try {
            providers.require(old.type()).delete(naming(s, old.logicalId(), old.type()), old.physicalId(), old.properties());
            resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "DELETE_COMPLETE", null);
        } catch (RuntimeException e) {
            resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "DELETE_FAILED", reason(e));
        }
    }

    /** Puts back the properties {@code old} had, on the resource {@code now} updated in place. */
    void restore(Stack s, Stack.Resource old, Stack.Resource now) {
        resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "UPDATE_IN_PROGRESS", null);
        try {
            ResourceProvider provider = providers.require(old.type());
            ResourceProvider.Made back = provider.update(naming(s, old.logicalId(), old.type()), old.physicalId(),
                    now == null ? old.attributes() : now.attributes(), now == null ? old.properties() : now.properties(), old.properties());
            if (back == null) {
                throw new IllegalStateException("its provider cannot put the old properties back in place");
            }
            resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "UPDATE_COMPLETE", null);
        } catch (RuntimeException e) {
            LOG.info("stack {}: rolling {} back failed: {}", s.stackName(), old.logicalId(), reason(e));
            resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "UPDATE_FAILED", reason(e));
        }
    }

    /** How a resource of {@code stack} is named by its provider, with a fresh random suffix. */
    static ResourceProvider.Naming naming(Stack stack, String logicalId, String type) {
        return new ResourceProvider.Naming(stack.stackName(), logicalId, suffix(), stack.stackId(), type);
    }

    private static String suffix() {
        StringBuilder b = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }

    static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
