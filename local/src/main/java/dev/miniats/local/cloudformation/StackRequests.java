package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.QueryParams;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The checks and bookkeeping of CreateStack, UpdateStack, DeleteStack and the change set
 * operations: a request that fails here creates nothing. Thread-safe: changes to one stack are
 * serialized by this object's monitor.
 */
final class StackRequests {
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final String NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

    private final StackStore store;
    private final StackEngine engine;
    private final Clock clock;
    private final Arns arns;
    private final TemplateUrls templateUrls;
    private final SsmValues ssm;

    StackRequests(StackStore store, StackEngine engine, Clock clock, Arns arns, TemplateUrls templateUrls, SsmValues ssm) {
        this.templateUrls = templateUrls;
        this.ssm = ssm;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.arns = arns;
    }

    /** A template, parameters and capabilities that passed every check. */
    private record Checked(Template template, Map<String, JsonNode> values, Map<String, String> texts, List<String> noEcho,
                           List<String> capabilities) {
    }

    /** The TemplateBody, or the object TemplateURL names in the local S3. */
    String body(QueryParams p) {
        String body = Template.checkBodySize(p.optional("TemplateBody"));
        if (body != null && p.optional("TemplateURL") != null) {
            throw CfnException.invalid("Specify either TemplateBody or TemplateURL, not both.");
        }
        if (body == null && p.optional("TemplateURL") != null) {
            return templateUrls.read(p.optional("TemplateURL"));
        }
        if (body == null) {
            throw CfnException.invalid("Either Template URL or Template Body must be specified.");
        }
        return body;
    }

    private Checked check(QueryParams p, String body, Map<String, String> previous) {
        Template template = Template.parse(body);
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 1; p.optional("Parameters.member." + i + ".ParameterKey") != null; i++) {
            String key = p.optional("Parameters.member." + i + ".ParameterKey");
            if ("true".equals(p.optional("Parameters.member." + i + ".UsePreviousValue"))) {
                if (!previous.containsKey(key)) {
                    throw CfnException.invalid("Invalid input for parameter key " + key + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
                }
                given.put(key, previous.get(key));
            } else {
                given.put(key, p.optional("Parameters.member." + i + ".ParameterValue"));
            }
        }
        Map<String, JsonNode> values = template.parameters().resolve(given, Map.of());
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((k, v) -> texts.put(k, v.isArray() ? Intrinsics.joined(v) : v.asText()));
        values = ssm.resolveTypes(template.parameters(), values); // the stack shows the names given, and runs with their values
        TemplateRules.check(template, engine.intrinsics("pending", "pending", template, values));
        List<String> noEcho = template.parameters().declared().values().stream().filter(TemplateParameters.Declared::noEcho)
                .map(TemplateParameters.Declared::name).toList();
        List<String> capabilities = p.members("Capabilities");
        String needed = template.requiredCapability();
        boolean granted = needed == null || capabilities.contains("CAPABILITY_NAMED_IAM")
                || (needed.equals("CAPABILITY_IAM") && capabilities.contains("CAPABILITY_IAM"));
        if (!granted) {
            throw CfnException.capabilities("Requires capabilities : [" + needed + "]");
        }
        for (String id : template.order()) {
            ObjectNode r = template.resources().get(id);
            if (r.has("Condition")) {
                engine.intrinsics("pending", "pending", template, values).condition(r.get("Condition").asText());
            }
        }
        return new Checked(template, values, texts, noEcho, capabilities);
    }

    private static String stackName(QueryParams p) {
        String name = p.required("StackName");
        if (!STACK_NAME.matcher(name).matches()) {
            throw CfnException.invalid("1 validation error detected: Value '" + name + "' at 'stackName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]* and have at most 128 characters");
        }
        return name;
    }

    synchronized Stack create(QueryParams p) {
        String name = stackName(p);
        String body = body(p);
        Checked c = check(p, body, Map.of());
        if (store.live(name).isPresent()) {
            throw CfnException.alreadyExists("Stack [" + name + "] already exists");
        }
        Stack stack = newStack(name, "CREATE_IN_PROGRESS", c, body);
        engine.run(stack, c.template(), c.values(), false);
        return stack;
    }

    private Stack newStack(String name, String status, Checked c, String body) {
        String id = arns.of("cloudformation", "stack/" + name + "/" + UUID.randomUUID());
        return new Stack(id, name, status, null, c.template().description(), body, c.texts(), c.noEcho(), c.capabilities(),
                List.of(), Map.of(), clock.millis(), null, null);
    }

    synchronized Stack update(QueryParams p) {
        Stack stack = require(p.required("StackName"));
        ready(stack);
        String body = "true".equals(p.optional("UsePreviousTemplate")) ? stack.templateBody() : body(p);
        Checked c = check(p, body, stack.parameters());
        if (body.equals(stack.templateBody()) && c.texts().equals(stack.parameters())) {
            throw CfnException.invalid("No updates are to be performed.");
        }
        Stack next = stack.withTemplate(body, c.template().description(), c.texts(), c.noEcho(), c.capabilities(), clock.millis());
        engine.run(next, c.template(), c.values(), true);
        return next;
    }

    private static void ready(Stack stack) {
        if (stack.inProgress() || stack.status().equals("REVIEW_IN_PROGRESS") || stack.status().equals("ROLLBACK_COMPLETE")) {
            throw CfnException.invalid("Stack:" + stack.stackId() + " is in " + stack.status() + " state and can not be updated.");
        }
    }

    synchronized void delete(String nameOrId) {
        store.live(nameOrId).filter(s -> !s.deleted() && !s.status().equals("DELETE_IN_PROGRESS")).ifPresent(engine::delete);
    }

    /** The stack by name (live) or id (also deleted); ValidationError "Stack with id X does not exist" otherwise. */
    Stack require(String nameOrId) {
        return store.live(nameOrId).orElseThrow(() -> CfnException.invalid("Stack with id " + nameOrId + " does not exist"));
    }

    synchronized ChangeSet createChangeSet(QueryParams p) {
        String name = stackName(p);
        String changeSetName = p.required("ChangeSetName");
        String type = p.optional("ChangeSetType") == null ? "UPDATE" : p.optional("ChangeSetType");
        Stack existing = store.live(name).filter(s -> !s.deleted()).orElse(null);
        if (type.equals("CREATE") && existing != null && !existing.status().equals("REVIEW_IN_PROGRESS")) {
            throw CfnException.alreadyExists("Stack [" + name + "] already exists and cannot be created again with the changeSet [" + changeSetName + "].");
        }
        if (type.equals("UPDATE") && (existing == null || existing.status().equals("REVIEW_IN_PROGRESS"))) {
            throw CfnException.invalid("Stack [" + name + "] does not exist");
        }
        if (!type.equals("CREATE") && !type.equals("UPDATE")) {
            throw CfnException.invalid("ChangeSetType " + type + " is not supported; expected CREATE or UPDATE");
        }
        String body = "true".equals(p.optional("UsePreviousTemplate")) && existing != null ? existing.templateBody() : body(p);
        Checked c = check(p, body, existing == null ? Map.of() : existing.parameters());
        Stack stack = existing;
        if (stack == null) {
            stack = newStack(name, "REVIEW_IN_PROGRESS", c, body);
            store.save(stack);
        }
        if (store.changeSets(stack.stackId()).stream().anyMatch(cs -> cs.changeSetName().equals(changeSetName))) {
            throw CfnException.alreadyExists("ChangeSet " + changeSetName + " already exists");
        }
        List<ChangeSet.Change> changes = changes(type.equals("CREATE") ? null : Template.parse(stack.templateBody()), c.template(), stack);
        boolean empty = changes.isEmpty() && (type.equals("UPDATE") && c.texts().equals(stack.parameters()));
        ChangeSet set = new ChangeSet(arns.of("cloudformation", "changeSet/" + changeSetName + "/" + UUID.randomUUID()), changeSetName,
                stack.stackId(), name, type, empty ? "FAILED" : "CREATE_COMPLETE", empty ? "UNAVAILABLE" : "AVAILABLE",
                empty ? NO_CHANGES : null, p.optional("Description"), body, c.texts(), c.capabilities(), changes, clock.millis());
        store.save(set);
        return set;
    }

    private static List<ChangeSet.Change> changes(Template before, Template after, Stack stack) {
        List<ChangeSet.Change> out = new ArrayList<>();
        after.resources().forEach((id, r) -> {
            JsonNode old = before == null ? null : before.resources().get(id);
            Stack.Resource made = stack.resources().get(id);
            if (old == null) {
                out.add(new ChangeSet.Change("Add", id, null, r.path("Type").asText(), null));
            } else if (!old.equals(r)) {
                out.add(new ChangeSet.Change("Modify", id, made == null ? null : made.physicalId(), r.path("Type").asText(), "Conditional"));
            }
        });
        if (before != null) {
            before.resources().forEach((id, r) -> {
                if (!after.resources().containsKey(id)) {
                    Stack.Resource made = stack.resources().get(id);
                    out.add(new ChangeSet.Change("Remove", id, made == null ? null : made.physicalId(), r.path("Type").asText(), null));
                }
            });
        }
        return out;
    }

    /** A change set by ARN, or by name within the stack. */
    ChangeSet changeSet(String stackName, String nameOrArn) {
        List<Stack> stacks = stackName != null ? List.of(require(stackName)) : store.all();
        for (Stack s : stacks) {
            for (ChangeSet c : store.changeSets(s.stackId())) {
                if (c.changeSetId().equals(nameOrArn) || c.changeSetName().equals(nameOrArn)) {
                    return c;
                }
            }
        }
        throw CfnException.changeSetNotFound(nameOrArn);
    }

    synchronized void executeChangeSet(String stackName, String nameOrArn) {
        ChangeSet c = changeSet(stackName, nameOrArn);
        if (!c.executionStatus().equals("AVAILABLE")) {
            throw new CfnException.InvalidChangeSetStatus("ChangeSet [" + c.changeSetId() + "] cannot be executed in its current execution status of ["
                    + c.executionStatus() + "]");
        }
        Stack stack = require(c.stackId());
        Checked checked = new Checked(Template.parse(c.templateBody()), null, c.parameters(), List.of(), c.capabilities());
        Map<String, JsonNode> values = ssm.resolveTypes(checked.template().parameters(),
                checked.template().parameters().resolve(c.parameters(), Map.of()));
        List<String> noEcho = checked.template().parameters().declared().values().stream().filter(TemplateParameters.Declared::noEcho)
                .map(TemplateParameters.Declared::name).toList();
        boolean update = c.changeSetType().equals("UPDATE");
        Stack next = stack.withTemplate(c.templateBody(), checked.template().description(), c.parameters(), noEcho, c.capabilities(),
                update ? Long.valueOf(clock.millis()) : null);
        for (ChangeSet other : store.changeSets(stack.stackId())) {
            store.deleteChangeSet(other.changeSetId()); // executing one change set ends the others, as on AWS
        }
        store.save(c.withExecution("EXECUTE_COMPLETE"));
        engine.run(next, checked.template(), values, update);
    }

    synchronized void deleteChangeSet(String stackName, String nameOrArn) {
        store.deleteChangeSet(changeSet(stackName, nameOrArn).changeSetId());
    }
}
