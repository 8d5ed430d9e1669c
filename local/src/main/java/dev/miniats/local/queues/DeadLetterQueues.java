package dev.miniats.local.queues;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.backends.BackendUnavailableException;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.LocalRule;
import dev.miniats.local.events.StoredEvent;
import dev.miniats.local.events.Target;
import dev.miniats.local.events.delivery.DeadLetterSink;
import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.events.delivery.DeliveryRecord;
import dev.miniats.local.events.delivery.Dispatcher;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqs.Sqs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * EventBridge's dead-letter queues (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html):
 * a delivery that fails for good is sent, as its original event, to the SQS queue of its target's
 * {@code DeadLetterConfig} with the message attributes EventBridge documents ({@code RULE_ARN},
 * {@code TARGET_ARN}, {@code ERROR_CODE}, {@code ERROR_MESSAGE}, {@code EXHAUSTED_RETRY_CONDITION},
 * {@code RETRY_ATTEMPTS}) plus {@value #DELIVERY_ID}, the runtime's delivery id, which redrive uses.
 * Without a dead-letter config, or when the queue does not exist, the event is dropped and the drop
 * recorded (EventBridge's {@code InvocationsFailedToBeSentToDlq}). The runtime's own routes use
 * {@value #DEFAULT_QUEUE}, created on first need. Thread-safe; redrives run one at a time.
 */
public final class DeadLetterQueues implements DeadLetterSink {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueues.class);
    /** The queue the declared routes dead-letter into. */
    public static final String DEFAULT_QUEUE = "ats-dead-letters";
    /** The runtime's own message attribute: the delivery a dead letter came from. */
    public static final String DELIVERY_ID = "ATS_DELIVERY_ID";
    private static final int REDRIVE_VISIBILITY_SECONDS = 30;

    private final Sqs sqs;
    private final EventLog log;
    private final EventBus bus;
    private final Dispatcher dispatcher;
    private final DeadLetterOutcomes outcomes;
    private final RuleTargets targets;
    private final Clock clock;
    private final String defaultQueueArn;
    private final ReentrantLock redriving = new ReentrantLock();

    private DeadLetterQueues(Sqs sqs, EventLog log, EventBus bus, Dispatcher dispatcher, Database db, Clock clock) {
        this.sqs = sqs;
        this.log = log;
        this.bus = bus;
        this.dispatcher = dispatcher;
        this.outcomes = new DeadLetterOutcomes(db);
        this.targets = new RuleTargets(log, bus);
        this.clock = clock;
        this.defaultQueueArn = bus.arns().sqsQueue(DEFAULT_QUEUE);
    }

    /** Makes {@code dispatcher} send dead letters to their queues and deliver to SQS targets. */
    public static DeadLetterQueues wire(Sqs sqs, EventLog log, EventBus bus, Dispatcher dispatcher, Database db, Clock clock) {
        DeadLetterQueues queues = new DeadLetterQueues(sqs, log, bus, dispatcher, db, clock);
        dispatcher.sendTo(new SqsTargets(sqs, queues.targets), queues);
        return queues;
    }

    /**
     * Sends on the dead letters a previous process marked dead but stopped before sending (the
     * mark and the send are two steps), so none is lost; off the caller's thread, so the start does
     * not wait for SQS. Their exhausted retry condition is not known any more and is left out.
     */
    public void resume() {
        Thread resume = new Thread(() -> {
            try {
                for (List<Long> batch; !(batch = outcomes.unsent(100)).isEmpty(); ) {
                    for (long id : batch) {
                        log.delivery(id).ifPresent(d -> sendOrDrop(new Delivery(d.id(), d.eventId(), d.rule(), d.target(), d.function(),
                                "{}", null, d.attempts(), d.attempts(), d.updatedAt(), d.updatedAt()),
                                d.attempts(), d.lastErrorCode(), d.lastErrorMessage(), null));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("dead letters left by the previous run were not all sent on (the next start tries again): {}", e.getMessage());
            }
        }, "dead-letter-resume");
        resume.setDaemon(true);
        resume.start();
    }

    /** The ARN of {@value #DEFAULT_QUEUE}. */
    public String defaultQueueArn() {
        return defaultQueueArn;
    }

    @Override
    public void deadLettered(Delivery delivery, int attempts, String errorCode, String errorMessage, String exhausted) {
        try {
            sendOrDrop(delivery, attempts, errorCode, errorMessage, exhausted);
        } catch (BackendUnavailableException e) {
            // SQS itself is down (the runtime is stopping, or its backend died): EventBridge would
            // retry the DLQ, so the letter stays marked dead and unsent, and the next start sends it
            LOG.warn("event {} to {}: dead-letter queue not reachable ({}); sent on the next start", delivery.eventId(),
                    delivery.target(), e.getMessage());
        }
    }

    /**
     * Sends the dead letter, or records why it is dropped.
     *
     * @throws BackendUnavailableException when SQS cannot be reached at all; nothing is recorded
     */
    private void sendOrDrop(Delivery delivery, int attempts, String errorCode, String errorMessage, String exhausted) {
        long now = clock.millis();
        String queueArn = log.delivery(delivery.id()).map(DeliveryRecord::deadLetterArn).orElse(null);
        if (queueArn == null) {
            outcomes.dropped(delivery.id(), null, "The target has no DeadLetterConfig: EventBridge drops the event.", now);
            return;
        }
        String body = log.event(delivery.eventId()).map(StoredEvent::envelope).orElse(delivery.payload());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", targets.ruleArn(delivery));
        attributes.put("TARGET_ARN", targets.targetArn(delivery));
        attributes.put("ERROR_CODE", ErrorCodes.of(errorCode));
        attributes.put("ERROR_MESSAGE", errorCode + ": " + (errorMessage == null ? "" : errorMessage));
        if (exhausted != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
        }
        attributes.put("RETRY_ATTEMPTS", String.valueOf(attempts - 1));
        attributes.put(DELIVERY_ID, String.valueOf(delivery.id()));
        try {
            outcomes.sent(delivery.id(), queueArn, send(queueArn, body, attributes), now);
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (AwsException e) {
            String reason = Sqs.isMissingQueue(e) ? "Dead-letter queue " + queueArn + " does not exist: the event is dropped"
                    + " (EventBridge counts it in InvocationsFailedToBeSentToDlq)."
                    : "Dead-letter queue " + queueArn + " refused the event (" + e.code() + ": " + e.getMessage() + "): it is dropped.";
            LOG.warn("event {} to {}: {}", delivery.eventId(), delivery.target(), reason);
            outcomes.dropped(delivery.id(), queueArn, reason, now);
        }
    }

    /** Sends to {@code queueArn}, creating {@value #DEFAULT_QUEUE} when it is the one missing. */
    private String send(String queueArn, String body, Map<String, String> attributes) {
        try {
            return sqs.sendMessage(queueArn, body, attributes);
        } catch (AwsException e) {
            if (!Sqs.isMissingQueue(e) || !queueArn.equals(defaultQueueArn)) {
                throw e;
            }
            // 14 days, SQS's longest retention: dead letters wait for someone to look
            sqs.createQueue(DEFAULT_QUEUE, Map.of("MessageRetentionPeriod", "1209600"));
            return sqs.sendMessage(queueArn, body, attributes);
        }
    }

    /**
     * The dead-letter queues: {@value #DEFAULT_QUEUE}, every queue a rule's target names as its
     * dead-letter queue, and every queue a dead letter was sent to.
     */
    public List<String> queueArns() {
        Set<String> arns = new TreeSet<>();
        arns.add(defaultQueueArn);
        for (String name : bus.buses()) {
            for (LocalRule rule : bus.rules(name)) {
                rule.targets().stream().map(Target::deadLetterArn).filter(arn -> arn != null && arn.startsWith("arn:aws:sqs:"))
                        .forEach(arns::add);
            }
        }
        arns.addAll(outcomes.queues());
        return List.copyOf(arns);
    }

    /** The messages in the dead-letter queues, newest first, at most {@code limit}; read without receiving them. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> out = new ArrayList<>();
        for (String queueArn : queueArns()) {
            for (Sqs.StoredMessage m : sqs.peek(queueArn)) {
                Long deliveryId = deliveryId(m.attributes());
                out.add(new DeadLetter(queueArn, m.messageId(), deliveryId, m.body(), m.attributes(), m.sentAt(), m.receiveCount(),
                        deliveryId == null ? null : log.delivery(deliveryId).orElse(null)));
            }
        }
        out.sort((a, b) -> b.sentAt().compareTo(a.sentAt()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** Dead letters EventBridge would have dropped, newest first, with the delivery they came from. */
    public List<DroppedLetter> dropped(int limit) {
        List<DroppedLetter> out = new ArrayList<>();
        for (DeadLetterOutcomes.Dropped d : outcomes.dropped(limit)) {
            log.delivery(d.deliveryId()).filter(r -> r.status().equals("dead"))
                    .ifPresent(r -> out.add(new DroppedLetter(r, d.queueArn(), d.reason())));
        }
        return out;
    }

    /**
     * Redrives the dead letter of delivery {@code deliveryId}, or every dead letter when null: each
     * message is received from its queue, its delivery made pending again with a fresh retry budget,
     * and then deleted (so a crash in between leaves the message to be redriven again: at least
     * once). Messages in flight with a consumer are not visible, so not redriven. Returns the
     * deliveries redriven.
     */
    public List<Delivery> redrive(Long deliveryId) {
        redriving.lock();
        try {
            List<Delivery> redriven = new ArrayList<>();
            Set<Long> done = new TreeSet<>();
            for (String queueArn : queueArns()) {
                if (sqs.peek(queueArn).stream().noneMatch(m -> wanted(deliveryId(m.attributes()), deliveryId))) {
                    continue; // nothing to redrive here: do not receive (and count a receive of) its messages
                }
                redriveFrom(queueArn, deliveryId, done, redriven);
            }
            return redriven;
        } finally {
            redriving.unlock();
        }
    }

    private void redriveFrom(String queueArn, Long wantedId, Set<Long> done, List<Delivery> redriven) {
        List<String> toRelease = new ArrayList<>();
        try {
            for (List<Sqs.ReceivedMessage> batch; !(batch = sqs.receive(queueArn, REDRIVE_VISIBILITY_SECONDS)).isEmpty(); ) {
                for (Sqs.ReceivedMessage m : batch) {
                    Long id = deliveryId(m.attributes());
                    List<Delivery> again = wanted(id, wantedId) && done.add(id) ? dispatcher.redrive(id) : List.of();
                    if (again.isEmpty()) {
                        toRelease.add(m.receiptHandle());
                    } else {
                        outcomes.clear(id);
                        sqs.deleteMessage(queueArn, m.receiptHandle());
                        redriven.addAll(again);
                    }
                }
            }
        } finally {
            for (String receipt : toRelease) {
                sqs.release(queueArn, receipt);
            }
        }
    }

    private static boolean wanted(Long id, Long wantedId) {
        return id != null && (wantedId == null || wantedId.equals(id));
    }

    private static Long deliveryId(Map<String, String> attributes) {
        String id = attributes.get(DELIVERY_ID);
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null; // a message someone else sent to the queue: listed, never redriven
        }
    }
}
