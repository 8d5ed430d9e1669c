package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs stack operations the way CloudFormation does: in the background (CREATE_IN_PROGRESS, then
 * CREATE_COMPLETE), resources in dependency order, each step an event; a failing resource rolls
 * back what was made (ROLLBACK_COMPLETE with the reason in the events, see {@link StackOperation});
 * deletion in reverse order, DeletionPolicy Retain kept. One operation at a time on one worker
 * thread, so two operations never interleave. Thread-safe.
 */
final class StackEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StackEngine.class);
    private static final int MAKERS = 4;

    private final StackStore store;
    private final ResourceProviders providers;
    private final StackJournal journal;
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
        this.journal = new StackJournal(store, providers, clock);
        this.region = region;
        this.account = account;
    }

    /** Starts creating (or, with {@code existing} resources, updating) a stack to {@code template}; returns at once. */
    void run(Stack stack, Template template, Map<String, JsonNode> parameters, boolean update) {
        Stack started = journal.status(stack, update ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS", update ? null : "User Initiated");
        worker.execute(() -> {
            prepare(template);
            new StackOperation(journal, providers, dynamicReferences, makers, started, template, update,
                    current -> new Intrinsics(template.tree(), parameters, pseudo(started.stackId(), started.stackName()),
                            new StackRefs(store, current)))
                    .run(live -> outputs(template, live));
        });
    }

    /** Starts deleting a stack's resources in reverse order; returns at once. */
    void delete(Stack stack) {
        Stack started = journal.status(stack, "DELETE_IN_PROGRESS", "User Initiated");
        worker.execute(() -> {
            Stack s = journal.removeAll(started, template(started), null);
            if (s.resources().isEmpty()) {
                journal.status(s, "DELETE_COMPLETE", null);
            } else {
                journal.status(s, "DELETE_FAILED", "The following resource(s) failed to delete: " + s.resources().keySet());
            }
        });
    }

    private Template template(Stack stack) {
        try {
            return Template.parse(stack.templateBody());
        } catch (RuntimeException e) {
            return null; // a stack in REVIEW_IN_PROGRESS may hold a template never run; its resources are deleted in reverse
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
        Supplier<Stack> none = () -> null;
        return new Intrinsics(template.tree(), parameters, pseudo(stackId, stackName), new StackRefs(store, none));
    }

    private Map<String, String> pseudo(String stackId, String stackName) {
        return Map.of("AWS::AccountId", account, "AWS::Region", region, "AWS::StackName", stackName, "AWS::StackId", stackId,
                "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com");
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
