package dev.miniats.local.events;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.events.delivery.Dispatcher;
import dev.miniats.local.tracing.BusTracing;
import dev.miniats.local.tracing.TraceIds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.routing.EventPatterns;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local EventBridge: buses, rules matched by event-ruler, and PutEvents that answers only
 * after its entries and their deliveries are committed. Buses and rules are stored in a
 * {@link RuleStore} first, then applied to memory. Thread-safe: matching is lock-free (event-ruler's
 * {@link Machine} allows concurrent matching while rules change); changes are serialized.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_BUS = "default";
    /** PutEvents' per-entry limit (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html). */
    public static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final EventLog log;
    private final RuleStore store;
    private final Dispatcher dispatcher;
    private final BusTracing tracing;
    private final EventIds eventIds = new EventIds();
    private final Clock clock;
    private final String account;
    private final String region;
    private final Arns arns;
    private final Map<String, Machine> machines = new ConcurrentHashMap<>();
    private final Map<String, Long> busCreated = new ConcurrentHashMap<>();
    private final Map<String, LocalRule> rules = new ConcurrentHashMap<>();
    private final Map<String, String> functionNames = new ConcurrentHashMap<>();

    public EventBus(EventLog log, RuleStore store, Dispatcher dispatcher, BusTracing tracing, Clock clock, String account, String region) {
        this.log = log;
        this.store = store;
        this.dispatcher = dispatcher;
        this.tracing = tracing;
        this.clock = clock;
        this.account = account;
        this.region = region;
        this.arns = new Arns(region, account);
        store.buses().forEach((name, created) -> {
            machines.put(name, new Machine());
            busCreated.put(name, created);
        });
        ensureBus(DEFAULT_BUS);
        for (LocalRule rule : store.rules()) {
            apply(rule);
        }
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    /** Where buses and rules are stored, for their tags: {@link BusTags} changes them holding this bus's lock. */
    RuleStore store() {
        return store;
    }

    /** ARNs in this bus's account and region. */
    public Arns arns() {
        return arns;
    }

    // ---- buses ----

    /** Creates {@code name} unless it exists (for declared buses and the default bus). */
    public synchronized void ensureBus(String name) {
        if (!machines.containsKey(name)) {
            long now = clock.millis();
            store.saveBus(name, now);
            busCreated.put(name, now);
            machines.put(name, new Machine());
        }
    }

    /** @throws BusException.AlreadyExists when the bus exists */
    public synchronized void createBus(String name) {
        if (machines.containsKey(name)) {
            throw new BusException.AlreadyExists("Event bus " + name + " already exists.");
        }
        ensureBus(name);
    }

    /** Deletes a custom bus with no rules; deleting one that does not exist succeeds, as in EventBridge. */
    public synchronized void deleteBus(String name) {
        if (name.equals(DEFAULT_BUS)) {
            throw new BusException.Validation("Cannot delete event bus default.");
        }
        if (!machines.containsKey(name)) {
            return;
        }
        if (!rules(name).isEmpty()) {
            throw new BusException.Validation("Event bus " + name + " has rules; delete them first.");
        }
        store.deleteBus(name);
        machines.remove(name);
        busCreated.remove(name);
    }

    public boolean hasBus(String name) {
        return machines.containsKey(name);
    }

    public List<String> buses() {
        return machines.keySet().stream().sorted().toList();
    }

    public Instant busCreated(String name) {
        Long created = busCreated.get(name);
        if (created == null) {
            throw new BusException.NotFound("Event bus " + name + " does not exist.");
        }
        return Instant.ofEpochMilli(created);
    }

    public String busArn(String name) {
        return arns.eventBus(name);
    }

    // ---- rules ----

    /** Stores and applies a rule; the pattern is checked first. */
    public synchronized void putRule(LocalRule rule) {
        requireBus(rule.bus());
        String problem = EventPatterns.problemWith(rule.eventPattern());
        if (problem != null) {
            throw new BusException.InvalidEventPattern(problem);
        }
        store.saveRule(rule, clock.millis());
        apply(rule);
    }

    /** Applies a declared rule at start, unless the user changed it through the API. */
    public synchronized void putDeclaredRule(LocalRule rule) {
        LocalRule existing = rules.get(rule.machineKey());
        if (existing == null || existing.declared()) {
            putRule(rule);
        } else {
            LOG.info("rule {} on {} was changed through the API; its declaration is not re-applied", rule.name(), rule.bus());
        }
    }

    /** Deletes a rule with no targets; deleting one that does not exist succeeds, as in EventBridge. */
    public synchronized void deleteRule(String bus, String name) {
        requireBus(bus);
        LocalRule rule = rules.get(bus + "/" + name);
        if (rule == null) {
            return;
        }
        if (!rule.targets().isEmpty()) {
            throw new BusException.Validation("Rule can't be deleted since it has targets.");
        }
        store.deleteRule(bus, name);
        rules.remove(rule.machineKey());
        if (rule.enabled()) {
            removeFromMachine(machines.get(bus), rule);
        }
    }

    public LocalRule requireRule(String bus, String name) {
        requireBus(bus);
        LocalRule rule = rules.get(bus + "/" + name);
        if (rule == null) {
            throw new BusException.NotFound("Rule " + name + " does not exist on EventBus " + bus + ".");
        }
        return rule;
    }

    public Optional<LocalRule> rule(String bus, String name) {
        return Optional.ofNullable(rules.get(bus + "/" + name));
    }

    public List<LocalRule> rules(String bus) {
        return rules.values().stream().filter(r -> r.bus().equals(bus)).sorted(Comparator.comparing(LocalRule::name)).toList();
    }

    public synchronized void setEnabled(String bus, String name, boolean enabled) {
        LocalRule rule = requireRule(bus, name);
        putRule(rule.withEnabled(enabled));
    }

    /** Adds or replaces targets by id. @throws BusException.LimitExceeded past five targets */
    public synchronized void putTargets(String bus, String ruleName, List<Target> targets) {
        LocalRule rule = requireRule(bus, ruleName);
        Map<String, Target> merged = new java.util.LinkedHashMap<>();
        rule.targets().forEach(t -> merged.put(t.id(), t));
        targets.forEach(t -> merged.put(t.id(), t));
        if (merged.size() > LocalRule.MAX_TARGETS) {
            throw new BusException.LimitExceeded("The requested resource exceeds the maximum number allowed: a rule has at most "
                    + LocalRule.MAX_TARGETS + " targets.");
        }
        putRule(rule.withTargets(List.copyOf(merged.values())));
    }

    public synchronized void removeTargets(String bus, String ruleName, List<String> ids) {
        LocalRule rule = requireRule(bus, ruleName);
        putRule(rule.withTargets(rule.targets().stream().filter(t -> !ids.contains(t.id())).toList()));
    }

    private void requireBus(String bus) {
        if (!machines.containsKey(bus)) {
            throw new BusException.NotFound("Event bus " + bus + " does not exist.");
        }
    }

    private void apply(LocalRule rule) {
        Machine machine = machines.get(rule.bus());
        LocalRule previous = rules.put(rule.machineKey(), rule);
        if (previous != null && previous.enabled()) {
            removeFromMachine(machine, previous);
        }
        if (rule.enabled()) {
            try {
                machine.addRule(rule.machineKey(), rule.eventPattern());
            } catch (IOException | IllegalArgumentException e) {
                throw new BusException.InvalidEventPattern(e.getMessage());
            }
        }
    }

    private static void removeFromMachine(Machine machine, LocalRule rule) {
        try {
            machine.deleteRule(rule.machineKey(), rule.eventPattern());
        } catch (IOException e) {
            throw new IllegalStateException("A stored pattern stopped parsing: " + rule.eventPattern(), e);
        }
    }

    // ---- events ----

    /**
     * Validates, matches and durably appends {@code entries}; returns one result per entry, in
     * order. Valid entries are committed (with their deliveries) before this returns; invalid ones
     * get EventBridge's per-entry error and are not stored.
     */
    public List<PutEventsResult> put(List<PutEventsEntry> entries, String requestTraceHeader) {
        long now = clock.millis();
        List<PutEventsResult> results = new ArrayList<>(entries.size());
        List<EventLog.NewEvent> accepted = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        List<Delivery> deliveries;
        // announced before the work, so a write that starts meanwhile can take these events too
        try (EventAppends.Incoming incoming = log.incoming()) {
            for (PutEventsEntry entry : entries) {
                Object outcome = prepare(entry, requestTraceHeader, now, spans);
                if (outcome instanceof PutEventsResult error) {
                    results.add(error);
                } else {
                    EventLog.NewEvent event = (EventLog.NewEvent) outcome;
                    accepted.add(event);
                    results.add(PutEventsResult.ok(event.id()));
                }
            }
            if (accepted.isEmpty()) {
                return results;
            }
            try {
                deliveries = incoming.append(accepted);
            } catch (RuntimeException e) {
                spans.forEach(s -> {
                    BusTracing.fail(s, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                    s.end();
                });
                throw e;
            }
        }
        spans.forEach(Span::end);
        dispatcher.submit(deliveries);
        return results;
    }

    private Object prepare(PutEventsEntry entry, String requestTraceHeader, long now, List<Span> spans) {
        String bus = busName(entry.eventBusName());
        EntryCheck.Outcome checked = EntryCheck.of(entry, bus, machines.containsKey(bus), Instant.ofEpochMilli(now));
        if (checked instanceof EntryCheck.Refused refused) {
            return refused.result();
        }
        EntryCheck.Valid valid = (EntryCheck.Valid) checked;
        JsonNode detail = valid.detail();
        Instant time = valid.time();
        TraceIds.Header received = tracing.received(entry.traceHeader(), requestTraceHeader, clock);

        String id = eventIds.next(now);
        Span span = tracing.start("put " + bus, received, SpanKind.SERVER);
        span.setAttribute(BusTracing.EVENT_ID, id);
        span.setAttribute(BusTracing.BUS, bus);
        spans.add(span);
        String traceHeader = BusTracing.headerFor(received.format(), span);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", id);
        envelope.put("detail-type", entry.detailType());
        envelope.put("source", entry.source());
        envelope.put("account", account);
        envelope.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", region);
        entry.resources().forEach(envelope.putArray("resources")::add);
        if (!envelope.has("resources")) {
            envelope.putArray("resources");
        }
        envelope.set("detail", detail);
        String envelopeJson = envelope.toString();
        return new EventLog.NewEvent(id, bus, entry.source(), entry.detailType(), envelopeJson, traceHeader, now,
                deliveriesFor(bus, envelope, now, null, traceHeader), CandidateKeys.of(detail));
    }

    /**
     * The deliveries an event produces on {@code bus}: one per (matched rule, target), each with
     * the input its target receives. {@code onlyRules} restricts matching (replays); null means all.
     */
    List<EventLog.NewDelivery> deliveriesFor(String bus, ObjectNode envelope, long now, List<String> onlyRules, String traceHeader) {
        long started = System.nanoTime();
        List<String> keys = match(bus, envelope);
        List<EventLog.NewDelivery> deliveries = new ArrayList<>();
        for (String key : keys) {
            LocalRule rule = rules.get(key);
            if (rule == null || (onlyRules != null && !onlyRules.contains(rule.name()))) {
                continue;
            }
            for (Target target : rule.targets()) {
                String input = TargetInput.render(target, envelope, rule.name(), () -> rule.arn(region, account), Instant.ofEpochMilli(now));
                deliveries.add(new EventLog.NewDelivery(rule.name(), target.id(), functionName(target), input,
                        target.deadLetterArn(), target.retryPolicy().maximumRetryAttempts() + 1,
                        now + target.retryPolicy().maximumEventAge().toMillis()));
            }
        }
        tracing.matched(traceHeader, envelope.path("id").asText(), bus, keys.size(), started);
        return deliveries;
    }

    /** {@link Target#functionName()}, parsed once per ARN: every delivery asks it. */
    private String functionName(Target target) {
        String name = functionNames.computeIfAbsent(target.arn(), arn -> {
            String parsed = target.functionName();
            return parsed == null ? "" : parsed;
        });
        return name.isEmpty() ? null : name;
    }

    /**
     * The rule keys matching an event on {@code bus}. The envelope is handed over as the tree this
     * bus already built, so event-ruler does not parse the JSON text again.
     */
    List<String> match(String bus, ObjectNode envelope) {
        return machines.get(bus).rulesForJSONEvent(envelope);
    }

    /** Accepts a bus name or ARN ({@code arn:aws:events:region:account:event-bus/name}); absent means default. */
    public static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isBlank()) {
            return DEFAULT_BUS;
        }
        int slash = nameOrArn.lastIndexOf("event-bus/");
        return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + "event-bus/".length()) : nameOrArn;
    }
}
