package dev.miniats.local.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local EventBridge: buses, rules matched by event-ruler, and PutEvents that answers only
 * after its entries and their deliveries are committed. Thread-safe: event-ruler's
 * {@link Machine} allows concurrent matching while rules change.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_BUS = "default";

    private final EventLog log;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final String account;
    private final String region;
    private final Map<String, Machine> machines = new ConcurrentHashMap<>();
    private final Map<String, LocalRule> rules = new ConcurrentHashMap<>();

    public EventBus(EventLog log, Dispatcher dispatcher, Clock clock, String account, String region) {
        this.log = log;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.account = account;
        this.region = region;
        createBus(DEFAULT_BUS);
    }

    public void createBus(String name) {
        machines.computeIfAbsent(name, n -> new Machine());
    }

    public boolean hasBus(String name) {
        return machines.containsKey(name);
    }

    public List<String> buses() {
        return machines.keySet().stream().sorted().toList();
    }

    /** Adds or replaces a rule; the pattern must already be valid. */
    public void putRule(LocalRule rule) {
        Machine machine = machines.get(rule.bus());
        if (machine == null) {
            throw new IllegalArgumentException("Event bus " + rule.bus() + " does not exist.");
        }
        LocalRule previous = rules.put(rule.machineKey(), rule);
        if (previous != null) {
            removeFromMachine(machine, previous);
        }
        if (rule.enabled()) {
            try {
                machine.addRule(rule.machineKey(), rule.eventPattern());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("Invalid event pattern for rule " + rule.name() + ": " + e.getMessage(), e);
            }
        }
    }

    public Optional<LocalRule> rule(String bus, String name) {
        return Optional.ofNullable(rules.get(bus + "/" + name));
    }

    public List<LocalRule> rules(String bus) {
        return rules.values().stream().filter(r -> r.bus().equals(bus)).sorted(java.util.Comparator.comparing(LocalRule::name)).toList();
    }

    private static void removeFromMachine(Machine machine, LocalRule rule) {
        try {
            machine.deleteRule(rule.machineKey(), rule.eventPattern());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored pattern stopped parsing: " + rule.eventPattern(), e);
        }
    }

    /**
     * Validates, matches and durably appends {@code entries}; returns one result per entry, in
     * order. Valid entries are committed (with their deliveries) before this returns; invalid ones
     * get EventBridge's per-entry error and are not stored.
     */
    public List<PutEventsResult> put(List<PutEventsEntry> entries, String requestTraceHeader) {
        long now = clock.millis();
        List<PutEventsResult> results = new ArrayList<>(entries.size());
        List<EventLog.NewEvent> accepted = new ArrayList<>();
        for (PutEventsEntry entry : entries) {
            Object outcome = prepare(entry, requestTraceHeader, now);
            if (outcome instanceof PutEventsResult error) {
                results.add(error);
            } else {
                EventLog.NewEvent event = (EventLog.NewEvent) outcome;
                accepted.add(event);
                results.add(PutEventsResult.ok(event.id()));
            }
        }
        if (!accepted.isEmpty()) {
            List<Delivery> deliveries = log.append(accepted);
            dispatcher.submit(deliveries);
        }
        return results;
    }

    private Object prepare(PutEventsEntry entry, String requestTraceHeader, long now) {
        String bus = busName(entry.eventBusName());
        if (!machines.containsKey(bus)) {
            return PutEventsResult.error("ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
        if (entry.source() == null || entry.source().isBlank()) {
            return PutEventsResult.error("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (entry.detailType() == null || entry.detailType().isBlank()) {
            return PutEventsResult.error("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (entry.detail() == null || entry.detail().isBlank()) {
            return PutEventsResult.error("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(entry.detail());
        } catch (JsonProcessingException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return PutEventsResult.error("MalformedDetail", "Detail is malformed.");
        }
        Instant time = Instant.ofEpochMilli(now);
        if (entry.time() != null && !entry.time().isBlank()) {
            try {
                time = Instant.parse(entry.time());
            } catch (DateTimeParseException e) {
                return PutEventsResult.error("InvalidArgument", "Parameter Time is not valid. Reason: not an ISO-8601 timestamp.");
            }
        }
        String traceHeader = TraceIds.isValid(entry.traceHeader()) ? entry.traceHeader()
                : TraceIds.isValid(requestTraceHeader) ? requestTraceHeader : TraceIds.newTraceHeader(clock);

        String id = UUID.randomUUID().toString();
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

        List<EventLog.NewDelivery> deliveries = new ArrayList<>();
        for (String key : match(bus, envelopeJson)) {
            LocalRule rule = rules.get(key);
            if (rule != null) {
                deliveries.add(new EventLog.NewDelivery(rule.name(), rule.targetFunction(),
                        rule.retryPolicy().maximumRetryAttempts() + 1,
                        now + rule.retryPolicy().maximumEventAge().toMillis()));
            }
        }
        LOG.debug("event {} on {} ({}) matched {} rule(s)", id, bus, entry.detailType(), deliveries.size());
        return new EventLog.NewEvent(id, bus, entry.source(), entry.detailType(), envelopeJson, traceHeader, now, deliveries);
    }

    /** The rule keys matching an event on {@code bus}. */
    List<String> match(String bus, String envelopeJson) {
        try {
            return machines.get(bus).rulesForJSONEvent(envelopeJson);
        } catch (Exception e) {
            throw new IllegalStateException("event-ruler could not read an event it was given: " + e.getMessage(), e);
        }
    }

    /** Accepts a bus name or ARN ({@code arn:aws:events:region:account:event-bus/name}); absent means default. */
    static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isBlank()) {
            return DEFAULT_BUS;
        }
        int slash = nameOrArn.lastIndexOf("event-bus/");
        return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + "event-bus/".length()) : nameOrArn;
    }
}
