package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs stack operations the way CloudFormation does: in the background (CREATE_IN_PROGRESS, then
 * CREATE_COMPLETE), resources in dependency order, each step an event; a failing resource rolls
 * back what was made (ROLLBACK_COMPLETE with the reason in the events); deletion in reverse order,
 * DeletionPolicy Retain kept. One operation at a time on one worker thread, so two operations
 * never interleave. Thread-safe.
 */
final class StackEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StackEngine.class);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int MAKERS = 4;

    private final StackStore store;
    private final ResourceProviders providers;
    private final Clock clock;
    private final String region;
    private final String account;
    private final UnaryOperator<JsonNode> dynamicReferences;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cloudformation");
        t.setDaemon(true);
        return t;
    });
    /** Makes one level's independent resources in parallel (a custom resource may wait minutes on its function). */
    private final ExecutorService makers = Executors.newFixedThreadPool(MAKERS, r -> {
        Thread t = new Thread(r, "cloudformation-resource");
        t.setDaemon(true);
        return t;
    });

    StackEngine(StackStore store, ResourceProviders providers, Clock clock, String region, String account,
                UnaryOperator<JsonNode> dynamicReferences) {
        this.dynamicReferences = dynamicReferences;
        this.store = store;
        this.providers = providers;
        this.clock = clock;
        this.region = region;
        this.account = account;
    }

    /** Starts creating (or, with {@code existing} resources, updating) a stack to {@code template}; returns at once. */
    void run(Stack stack, Template template, Map<String, JsonNode> parameters, boolean update) {
        String begin = update ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS";
        Stack started = stack.withStatus(begin, update ? null : "User Initiated", clock.millis());
        store.save(started);
        stackEvent(started, begin, update ? null : "User Initiated");
        worker.execute(() -> apply(started, template, parameters, update));
    }

    /** Starts deleting a stack's resources in reverse order; returns at once. */
    void delete(Stack stack) {
        Stack started = stack.withStatus("DELETE_IN_PROGRESS", "User Initiated", clock.millis());
        store.save(started);
        stackEvent(started, "DELETE_IN_PROGRESS", "User Initiated");
        worker.execute(() -> {
            Stack s = removeAll(started, template(started), null);
            if (s.resources().isEmpty()) {
                s = s.withStatus("DELETE_COMPLETE", null, clock.millis());
            } else {
                s = s.withStatus("DELETE_FAILED", "The following resource(s) failed to delete: " + s.resources().keySet(), clock.millis());
            }
            store.save(s);
            stackEvent(s, s.status(), s.statusReason());
        });
    }

    private Template template(Stack stack) {
        try {
            return Template.parse(stack.templateBody());
        } catch (RuntimeException e) {
            return null; // a stack in REVIEW_IN_PROGRESS may hold a template never run; its resources are deleted in reverse
        }
    }

    private void apply(Stack start, Template template, Map<String, JsonNode> parameters, boolean update) {
        Stack stack = start;
        Map<String, Stack.Resource> before = new LinkedHashMap<>(start.resources());
        List<String> made = new ArrayList<>();
        List<Stack.Resource> modified = new ArrayList<>(); // as they were before an in-place update
        List<Stack.Resource> superseded = new ArrayList<>(); // replaced: deleted once the operation succeeds
        java.util.Set<String> wanted = new java.util.HashSet<>();
        String failed = null;
        String reason = null;
        Stack[] current = {stack};
        Intrinsics live = new Intrinsics(template.tree(), parameters, pseudo(stack.stackId(), stack.stackName()), resources(current));
        prepare(template);
        // Each resource is made as soon as those it depends on are, in parallel with the others, as
        // CloudFormation does; results are applied to the stack on this thread only.
        java.util.concurrent.CompletionService<ResourceStep.Outcome> finished = new java.util.concurrent.ExecutorCompletionService<>(makers);
        Map<java.util.concurrent.Future<ResourceStep.Outcome>, ResourceStep> inFlight = new java.util.HashMap<>();
        java.util.Set<String> settled = new java.util.HashSet<>();
        java.util.Set<String> started = new java.util.HashSet<>();
        while (true) {
            boolean progressed = true;
            while (failed == null && progressed) {
                progressed = false;
                for (String id : template.order()) {
                    if (failed != null || started.contains(id) || !settled.containsAll(template.dependencies(id))) {
                        continue;
                    }
                    started.add(id);
                    progressed = true;
                    ObjectNode resource = template.resources().get(id);
                    String type = resource.path("Type").asText();
                    try {
                        String condition = resource.path("Condition").asText(null);
                        if (condition != null && !live.condition(condition)) {
                            settled.add(id);
                            continue;
                        }
                        wanted.add(id);
                        JsonNode properties = live.resolve(resource.path("Properties"));
                        properties = properties == null || properties.isMissingNode() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : properties;
                        properties = dynamicReferences.apply(properties);
                        Stack.Resource old = current[0].resources().get(id);
                        if (old != null && old.type().equals(type) && old.properties().equals(properties)) {
                            settled.add(id); // unchanged
                            continue;
                        }
                        ResourceStep step = new ResourceStep(id, type, old, properties, providers.require(type),
                                new ResourceProvider.Naming(stack.stackName(), id, suffix(), stack.stackId(), type));
                        resourceEvent(current[0], id, old == null ? null : old.physicalId(), type,
                                old == null ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", null);
                        inFlight.put(finished.submit(step::run), step);
                    } catch (RuntimeException e) {
                        failed = id;
                        reason = reason(e);
                        resourceEvent(current[0], id, null, type, update ? "UPDATE_FAILED" : "CREATE_FAILED", reason);
                    }
                }
            }
            if (inFlight.isEmpty()) {
                break;
            }
            java.util.concurrent.Future<ResourceStep.Outcome> next = ResourceStep.take(finished);
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
                current[0] = current[0].withResource(new Stack.Resource(step.id(), step.type(), result.physicalId(), done, null,
                        step.properties(), result.attributes(), clock.millis()));
                store.save(current[0]);
                resourceEvent(current[0], step.id(), result.physicalId(), step.type(), done, null);
                settled.add(step.id());
            } catch (RuntimeException e) {
                String why = reason(e);
                LOG.info("stack {}: resource {} failed: {}", stack.stackName(), step.id(), why);
                resourceEvent(current[0], step.id(), null, step.type(), update ? "UPDATE_FAILED" : "CREATE_FAILED", why);
                if (failed == null) {
                    failed = step.id();
                    reason = why;
                }
            }
        }
        if (failed == null) {
            try {
                current[0] = current[0].withOutputs(outputs(template, live));
                if (update) {
                    current[0] = removeAll(current[0], null, wanted);
                    superseded.forEach(old -> deleteSuperseded(current[0], old));
                }
                Stack done = current[0].withStatus(update ? "UPDATE_COMPLETE" : "CREATE_COMPLETE", null, clock.millis());
                store.save(done);
                stackEvent(done, done.status(), null);
                return;
            } catch (RuntimeException e) {
                failed = "Outputs";
                reason = e.getMessage();
                stackEvent(current[0], update ? "UPDATE_FAILED" : "CREATE_FAILED", reason);
            }
        }
        rollBack(current[0], update, made, modified, superseded, failed, reason, before);
    }

    /** CloudFormation's cleanup after a replacement: the old physical resource goes once the update succeeded. */
    private void deleteSuperseded(Stack s, Stack.Resource old) {
        resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "DELETE_IN_PROGRESS", null);
        try {
            providers.require(old.type()).delete(naming(s, old.logicalId(), old.type()), old.physicalId(), old.properties());
            resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "DELETE_COMPLETE", null);
        } catch (RuntimeException e) {
            resourceEvent(s, old.logicalId(), old.physicalId(), old.type(), "DELETE_FAILED", reason(e));
        }
    }

    /** Warms up the backends of the template's types on a thread of their own (a failure shows when the resource is made). */
    private void prepare(Template template) {
        template.resources().values().stream().map(r -> r.path("Type").asText()).distinct().forEach(type -> {
            Thread t = new Thread(() -> {
                try {
                    providers.require(type).prepare();
                } catch (RuntimeException e) {
                    LOG.debug("preparing {} failed: {}", type, e.getMessage());
                }
            }, "cloudformation-prepare");
            t.setDaemon(true);
            t.start();
        });
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void rollBack(Stack stack, boolean update, List<String> made, List<Stack.Resource> modified,
                          List<Stack.Resource> superseded, String failed, String reason, Map<String, Stack.Resource> before) {
        String why = "The following resource(s) failed to " + (update ? "update" : "create") + ": [" + failed + "]. Rollback requested by user.";
        String progress = update ? "UPDATE_ROLLBACK_IN_PROGRESS" : "ROLLBACK_IN_PROGRESS";
        Stack s = stack.withStatus(progress, why, clock.millis());
        store.save(s);
        stackEvent(s, progress, why);
        Map<String, Stack.Resource> keep = new LinkedHashMap<>(s.resources());
        made.forEach(keep::remove);
        Stack rolling = s;
        for (int i = made.size() - 1; i >= 0; i--) {
            rolling = deleteOne(rolling, made.get(i), null, true);
        }
        // resources changed in place get their old properties back; replaced ones were never deleted
        for (int i = modified.size() - 1; i >= 0; i--) {
            restore(rolling, modified.get(i), stack.resources().get(modified.get(i).logicalId()));
        }
        superseded.forEach(old -> resourceEvent(stack, old.logicalId(), old.physicalId(), old.type(), "UPDATE_COMPLETE", null));
        Map<String, Stack.Resource> restored = new LinkedHashMap<>(update ? before : Map.of());
        restored.putAll(keep);
        rolling = rolling.withResources(update ? restored : rolling.resources());
        String end = update ? "UPDATE_ROLLBACK_COMPLETE" : "ROLLBACK_COMPLETE";
        rolling = rolling.withStatus(end, update ? why : reason, clock.millis());
        store.save(rolling);
        stackEvent(rolling, end, null);
    }

    /** Puts back the properties {@code old} had, on the resource {@code now} updated in place. */
    private void restore(Stack s, Stack.Resource old, Stack.Resource now) {
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

    /**
     * Deletes in reverse creation order every resource not in {@code keep} (all of them when it is
     * null), honouring {@code policies}' DeletionPolicy.
     */
    private Stack removeAll(Stack stack, Template policies, java.util.Set<String> keep) {
        List<String> ids = new ArrayList<>(stack.resources().keySet());
        Stack s = stack;
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (keep == null || !keep.contains(ids.get(i))) {
                s = deleteOne(s, ids.get(i), policies, false);
            }
        }
        return s;
    }

    private Stack deleteOne(Stack s, String id, Template template, boolean rollback) {
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

    private List<Stack.Output> outputs(Template template, Intrinsics fns) {
        List<Stack.Output> out = new ArrayList<>();
        template.tree().path("Outputs").properties().forEach(e -> {
            JsonNode o = e.getValue();
            if (o.has("Condition") && !fns.condition(o.get("Condition").asText())) {
                return;
            }
            JsonNode value = fns.resolve(o.get("Value"));
            String text = value == null ? "" : value.isArray() ? Intrinsics.joined(value) : value.asText();
            String export = o.path("Export").has("Name") ? fns.text(o.path("Export").get("Name")) : null;
            out.add(new Stack.Output(e.getKey(), text, o.path("Description").asText(null), export));
        });
        return out;
    }

    /** Evaluates a template's functions against this stack, for checks before an operation (no resources yet). */
    Intrinsics intrinsics(String stackId, String stackName, Template template, Map<String, JsonNode> parameters) {
        return new Intrinsics(template.tree(), parameters, pseudo(stackId, stackName), resources(new Stack[]{null}));
    }

    private Map<String, String> pseudo(String stackId, String stackName) {
        return Map.of("AWS::AccountId", account, "AWS::Region", region, "AWS::StackName", stackName, "AWS::StackId", stackId,
                "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com");
    }

    private Intrinsics.Resources resources(Stack[] current) {
        return new Intrinsics.Resources() {
            @Override
            public String ref(String logicalId) {
                return made(logicalId).physicalId();
            }

            @Override
            public String attribute(String logicalId, String attribute) {
                String value = made(logicalId).attributes().get(attribute);
                if (value == null) {
                    throw CfnException.invalid("Template error: resource " + logicalId + " does not support attribute type "
                            + attribute + " in Fn::GetAtt");
                }
                return value;
            }

            @Override
            public String importValue(String exportName) {
                for (Stack s : store.all()) {
                    if (s.deleted() || !s.status().endsWith("COMPLETE")) {
                        continue;
                    }
                    for (Stack.Output o : s.outputs()) {
                        if (exportName.equals(o.exportName())) {
                            return o.outputValue();
                        }
                    }
                }
                throw CfnException.invalid("No export named " + exportName + " found.");
            }

            private Stack.Resource made(String logicalId) {
                Stack.Resource r = current[0] == null ? null : current[0].resources().get(logicalId);
                if (r == null) {
                    throw CfnException.invalid("Template error: resource " + logicalId + " is not created (its Condition is false)");
                }
                return r;
            }
        };
    }

    private static ResourceProvider.Naming naming(Stack stack, String logicalId, String type) {
        return new ResourceProvider.Naming(stack.stackName(), logicalId, suffix(), stack.stackId(), type);
    }

    private static String suffix() {
        StringBuilder b = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }

    private void stackEvent(Stack s, String status, String reason) {
        store.event(new StackEvent(UUID.randomUUID().toString(), s.stackId(), s.stackName(), s.stackName(), s.stackId(),
                "AWS::CloudFormation::Stack", status, reason, clock.millis()));
    }

    private void resourceEvent(Stack s, String logicalId, String physicalId, String type, String status, String reason) {
        store.event(new StackEvent(logicalId + "-" + status + "-" + UUID.randomUUID(), s.stackId(), s.stackName(), logicalId,
                physicalId, type, status, reason, clock.millis()));
    }

    @Override
    public void close() {
        makers.shutdown();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
