package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One create or update of a stack, as CloudFormation runs it: each resource made as soon as those
 * it depends on are, in parallel with the others; on the first failure no new resource starts, the
 * ones in flight finish, and the operation rolls back — what it made is deleted in reverse order,
 * what it changed in place gets its old properties back, and what it replaced was never deleted
 * (replaced resources go only in the cleanup after success). Results are applied to the stack on
 * the calling thread only; one instance runs once, on the engine's worker.
 */
final class StackOperation {
    private static final Logger LOG = LoggerFactory.getLogger(StackOperation.class);

    private final StackJournal journal;
    private final ResourceProviders providers;
    private final UnaryOperator<JsonNode> dynamicReferences;
    private final Template template;
    private final boolean update;
    private final Intrinsics live;
    private final Map<String, Stack.Resource> before;
    private final CompletionService<ResourceStep.Outcome> finished;
    private final Map<Future<ResourceStep.Outcome>, ResourceStep> inFlight = new HashMap<>();
    private final Set<String> started = new HashSet<>();
    private final Set<String> settled = new HashSet<>();
    private final Set<String> wanted = new HashSet<>();
    private final List<String> made = new ArrayList<>();
    private final List<Stack.Resource> modified = new ArrayList<>(); // as they were before an in-place update
    private final List<Stack.Resource> superseded = new ArrayList<>(); // replaced: deleted once the operation succeeds
    private volatile Stack current; // read by the template's Refs on the maker threads
    private String failed;
    private String reason;

    /**
     * @param intrinsics the template's functions for this operation, given what it has made so far
     * @param makers     where independent resources are made in parallel
     */
    StackOperation(StackJournal journal, ResourceProviders providers, UnaryOperator<JsonNode> dynamicReferences, ExecutorService makers,
                   Stack stack, Template template, boolean update, Function<Supplier<Stack>, Intrinsics> intrinsics) {
        this.journal = journal;
        this.providers = providers;
        this.dynamicReferences = dynamicReferences;
        this.template = template;
        this.update = update;
        this.current = stack;
        this.before = new LinkedHashMap<>(stack.resources());
        this.finished = new ExecutorCompletionService<>(makers);
        this.live = intrinsics.apply(() -> current);
    }

    /** Runs the operation to its end: COMPLETE, or rolled back. */
    void run(Function<Intrinsics, List<Stack.Output>> outputs) {
        do {
            startReady();
        } while (!inFlight.isEmpty() && finishNext());
        if (failed == null) {
            try {
                current = current.withOutputs(outputs.apply(live));
                if (update) {
                    current = journal.removeAll(current, null, wanted);
                    superseded.forEach(old -> journal.deleteSuperseded(current, old));
                }
                journal.status(current, update ? "UPDATE_COMPLETE" : "CREATE_COMPLETE", null);
                return;
            } catch (RuntimeException e) {
                failed = "Outputs";
                reason = e.getMessage();
                journal.stackEvent(current, update ? "UPDATE_FAILED" : "CREATE_FAILED", reason);
            }
        }
        rollBack();
    }

    /** Starts every resource whose dependencies are settled, until none is left or one fails. */
    private void startReady() {
        boolean progressed = true;
        while (failed == null && progressed) {
            progressed = false;
            for (String id : template.order()) {
                if (failed != null || started.contains(id) || !settled.containsAll(template.dependencies(id))) {
                    continue;
                }
                started.add(id);
                progressed = true;
                start(id);
            }
        }
    }

    private void start(String id) {
        ObjectNode resource = template.resources().get(id);
        String type = resource.path("Type").asText();
        try {
            String condition = resource.path("Condition").asText(null);
            if (condition != null && !live.condition(condition)) {
                settled.add(id);
                return;
            }
            wanted.add(id);
            JsonNode properties = live.resolve(resource.path("Properties"));
            properties = properties == null || properties.isMissingNode() ? JsonNodeFactory.instance.objectNode() : properties;
            properties = dynamicReferences.apply(properties);
            Stack.Resource old = current.resources().get(id);
            if (old != null && old.type().equals(type) && old.properties().equals(properties)) {
                settled.add(id); // unchanged
                return;
            }
            ResourceStep step = new ResourceStep(id, type, old, properties, providers.require(type), StackJournal.naming(current, id, type));
            journal.resourceEvent(current, id, old == null ? null : old.physicalId(), type,
                    old == null ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", null);
            inFlight.put(finished.submit(step::run), step);
        } catch (RuntimeException e) {
            fail(id, type, StackJournal.reason(e));
        }
    }

    /** Waits for the next resource in flight and applies its outcome; returns true to go on. */
    private boolean finishNext() {
        Future<ResourceStep.Outcome> next = ResourceStep.take(finished);
        ResourceStep step = inFlight.remove(next);
        try {
            ResourceStep.Outcome outcome = ResourceStep.join(next);
            ResourceProvider.Made result = outcome.result();
            if (outcome.created()) {
                made.add(step.id());
            }
            if (step.inPlace(outcome)) {
                modified.add(step.old());
            } else if (step.replaced(outcome)) {
                superseded.add(step.old());
            }
            String done = step.old() == null ? "CREATE_COMPLETE" : "UPDATE_COMPLETE";
            current = current.withResource(new Stack.Resource(step.id(), step.type(), result.physicalId(), done, null,
                    step.properties(), result.attributes(), journal.now()));
            journal.save(current);
            journal.resourceEvent(current, step.id(), result.physicalId(), step.type(), done, null);
            settled.add(step.id());
        } catch (RuntimeException e) {
            String why = StackJournal.reason(e);
            LOG.info("stack {}: resource {} failed: {}", current.stackName(), step.id(), why);
            fail(step.id(), step.type(), why);
        }
        return true;
    }

    private void fail(String id, String type, String why) {
        journal.resourceEvent(current, id, null, type, update ? "UPDATE_FAILED" : "CREATE_FAILED", why);
        if (failed == null) {
            failed = id;
            reason = why;
        }
    }

    private void rollBack() {
        String why = "The following resource(s) failed to " + (update ? "update" : "create") + ": [" + failed + "]. Rollback requested by user.";
        Stack stack = current;
        Stack s = journal.status(stack, update ? "UPDATE_ROLLBACK_IN_PROGRESS" : "ROLLBACK_IN_PROGRESS", why);
        Map<String, Stack.Resource> keep = new LinkedHashMap<>(s.resources());
        made.forEach(keep::remove);
        Stack rolling = s;
        for (int i = made.size() - 1; i >= 0; i--) {
            rolling = journal.deleteOne(rolling, made.get(i), null, true);
        }
        // resources changed in place get their old properties back; replaced ones were never deleted
        for (int i = modified.size() - 1; i >= 0; i--) {
            journal.restore(rolling, modified.get(i), stack.resources().get(modified.get(i).logicalId()));
        }
        superseded.forEach(old -> journal.resourceEvent(stack, old.logicalId(), old.physicalId(), old.type(), "UPDATE_COMPLETE", null));
        Map<String, Stack.Resource> restored = new LinkedHashMap<>(update ? before : Map.of());
        restored.putAll(keep);
        rolling = rolling.withResources(update ? restored : rolling.resources());
        String end = update ? "UPDATE_ROLLBACK_COMPLETE" : "ROLLBACK_COMPLETE";
        rolling = rolling.withStatus(end, update ? why : reason, journal.now());
        journal.save(rolling);
        journal.stackEvent(rolling, end, null);
    }
}
