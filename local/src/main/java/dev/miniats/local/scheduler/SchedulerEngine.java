package dev.miniats.local.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Fires schedules on time: one thread sleeps until the earliest due time, turns each due schedule
 * into a pending occurrence while re-arming it (one transaction), and hands pending occurrences to
 * workers that deliver them with the target's retry policy (exponential backoff with jitter, then a
 * dead letter). Delays are multiplied by the runtime's time scale, so a test can watch a schedule
 * due in a day fire in seconds. Thread-safe.
 */
final class SchedulerEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerEngine.class);
    private static final long MAX_SLEEP_MS = 1_000;

    /** When a schedule fires next: its occurrence time and the real time it is due, both epoch ms; null when never. */
    record Next(Long nominal, Long due) {
        static final Next NEVER = new Next(null, null);
    }

    private final ScheduleStore store;
    private final ScheduleTargets targets;
    private final Clock clock;
    private final double timeScale;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "scheduler-delivery");
        t.setDaemon(true);
        return t;
    });
    private final Thread loop = new Thread(this::run, "scheduler");
    private volatile boolean running = true;

    SchedulerEngine(ScheduleStore store, ScheduleTargets targets, Clock clock, double timeScale, RandomGenerator random) {
        this.store = store;
        this.targets = targets;
        this.clock = clock;
        this.timeScale = timeScale;
        this.random = random;
        loop.setDaemon(true);
    }

    void start() {
        store.releaseClaims(clock.millis());
        loop.start();
    }

    /** Tells the loop that a schedule changed, so it recomputes how long to sleep. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The first occurrence of {@code schedule} after {@code after}, within its start and end dates and flexible window. */
    Next next(Schedule schedule, ScheduleExpression expression, Instant after) {
        if (!schedule.enabled()) {
            return Next.NEVER;
        }
        Instant anchor = Optional.ofNullable(Schedule.instant(schedule.startDate())).orElse(Schedule.instant(schedule.creationDate()));
        Optional<Instant> next = expression.next(after, anchor, schedule.zone());
        Instant end = Schedule.instant(schedule.endDate());
        if (next.isEmpty() || (end != null && next.get().isAfter(end))) {
            return Next.NEVER;
        }
        long nominal = next.get().toEpochMilli();
        long fireAt = nominal;
        if ("FLEXIBLE".equals(schedule.flexibleTimeWindow().mode())) {
            fireAt += random.nextLong(schedule.flexibleTimeWindow().maximumWindowInMinutes() * 60_000L);
        }
        long now = clock.millis();
        return new Next(nominal, now + Math.round(Math.max(0, fireAt - now) * timeScale));
    }

    private void run() {
        while (running) {
            try {
                long now = clock.millis();
                for (Map.Entry<Schedule, Long> due : store.due(now)) {
                    fire(due.getKey(), due.getValue(), now);
                }
                for (ScheduleStore.Fire fire : store.pendingFires(now)) {
                    if (store.claim(fire)) {
                        workers.execute(() -> deliver(fire));
                    }
                }
                sleepUntil(store.earliestDue().orElse(Long.MAX_VALUE));
            } catch (RuntimeException e) {
                LOG.warn("scheduler loop: {}", e.getMessage(), e);
                sleepUntil(clock.millis() + MAX_SLEEP_MS);
            }
        }
    }

    private void sleepUntil(long dueMillis) {
        long wait = Math.min(MAX_SLEEP_MS, dueMillis - clock.millis());
        if (wait <= 0) {
            return;
        }
        lock.lock();
        try {
            changed.await(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void fire(Schedule schedule, long scheduledAt, long now) {
        ScheduleExpression expression = ScheduleExpression.parse(schedule.scheduleExpression());
        Next next = next(schedule, expression, Instant.ofEpochMilli(scheduledAt));
        boolean complete = next.nominal() == null;
        store.fire(schedule, scheduledAt, UUID.randomUUID().toString(), schedule.enabled(), next.nominal(), next.due(),
                complete && schedule.deleteAfterCompletion(), now);
    }

    private void deliver(ScheduleStore.Fire fire) {
        Schedule s = fire.schedule();
        long now = clock.millis();
        try {
            String note = send(fire);
            store.finish(fire, new ScheduleStore.Attempt(s.arn(), fire.scheduledAt(), now, fire.attempt(), "delivered", note));
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            Schedule.RetryPolicy retry = s.retry();
            boolean exhausted = fire.attempt() > retry.attempts() || now - fire.scheduledAt() > retry.maxAgeMillis();
            if (exhausted) {
                String dlq = s.target().deadLetterConfig() == null ? null : s.target().deadLetterConfig().arn();
                LOG.warn("schedule {} occurrence {} dead-lettered after {} attempt(s): {}", s.arn(), fire.executionId(), fire.attempt(), error);
                store.finish(fire, new ScheduleStore.Attempt(s.arn(), fire.scheduledAt(), now, fire.attempt(), "dead-lettered",
                        dlq == null ? error : error + " (dead-letter queue " + dlq + ")"));
            } else {
                store.retryLater(fire, new ScheduleStore.Attempt(s.arn(), fire.scheduledAt(), now, fire.attempt(), "failed", error),
                        now + Math.round(backoffMillis(fire.attempt()) * timeScale));
            }
        } finally {
            wake();
        }
    }

    /** Exponential from 1 s, capped at a minute, with full jitter over the upper half. */
    private long backoffMillis(int attempt) {
        long base = Math.min(60_000L, 1_000L << Math.min(16, attempt - 1));
        return base / 2 + random.nextLong(base / 2 + 1);
    }

    private String send(ScheduleStore.Fire fire) {
        Schedule.Target target = fire.schedule().target();
        String input = contextAttributes(target.input(), fire);
        String name = TargetKind.resourceName(target.arn());
        return switch (TargetKind.of(target.arn())) {
            case LAMBDA -> targets.invokeFunction(name, input == null ? "{}" : input, null);
            case EVENT_BUS -> {
                targets.putEvent(name, target.eventBridgeParameters().source(), target.eventBridgeParameters().detailType(),
                        input == null ? "{}" : input, null);
                yield null;
            }
        };
    }

    /** Scheduler's context attributes in the input (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html). */
    private static String contextAttributes(String input, ScheduleStore.Fire fire) {
        if (input == null) {
            return null;
        }
        return input.replace("<aws.scheduler.schedule-arn>", fire.schedule().arn())
                .replace("<aws.scheduler.scheduled-time>", Instant.ofEpochMilli(fire.scheduledAt()).toString())
                .replace("<aws.scheduler.execution-id>", fire.executionId())
                .replace("<aws.scheduler.attempt-number>", String.valueOf(fire.attempt()));
    }

    @Override
    public void close() {
        running = false;
        wake();
        loop.interrupt();
        workers.shutdownNow();
    }
}
