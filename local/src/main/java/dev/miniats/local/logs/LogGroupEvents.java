package dev.miniats.local.logs;

import dev.miniats.local.lambda.Invocation;
import dev.miniats.local.lambda.InvocationStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The log events of Lambda's log groups, read from the invocations the runtime records: each
 * invocation reads as CloudWatch shows it (START, the function's lines, END, REPORT), in the
 * stream Lambda names for it. Thread-safe (the store is).
 */
final class LogGroupEvents {
    static final String GROUP_PREFIX = "/aws/lambda/";
    private static final int PAGE = 200;
    /** Lambda's longest timeout: an invocation that started this long before a window can still log inside it. */
    static final long MAX_RUN_MILLIS = 15 * 60 * 1000;

    /** One log event: {@code seq} and {@code index} place it (the invocation and its line). */
    record LogEvent(String stream, long timestamp, String message, long seq, int index) {
        String eventId() {
            return seq + String.format("%05d", index);
        }
    }

    private final InvocationStore invocations;

    LogGroupEvents(InvocationStore invocations) {
        this.invocations = invocations;
    }

    List<String> functions() {
        return List.copyOf(invocations.functions());
    }

    long firstInvocationMillis(String function) {
        return invocations.startedBetween(function, 0, Long.MAX_VALUE, 0, 1).stream().findFirst()
                .map(Invocation::startedAtMillis).orElse(0L);
    }

    /** Every event of {@code function}'s log group, oldest first (at most the invocations the store keeps). */
    List<LogEvent> all(String function) {
        List<LogEvent> out = new ArrayList<>();
        forEachInvocation(function, 0, Long.MAX_VALUE, 0, invocation -> {
            out.addAll(events(invocation));
            return true;
        });
        return out;
    }

    /** What to do with each invocation; false stops the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(Invocation invocation);
    }

    /** Walks {@code function}'s invocations started in {@code [from, to]} after {@code afterSeq}, oldest first. */
    void forEachInvocation(String function, long from, long to, long afterSeq, Visitor visitor) {
        List<Invocation> page;
        long after = afterSeq;
        do {
            page = invocations.startedBetween(function, from, to, after, PAGE);
            for (Invocation invocation : page) {
                if (!visitor.visit(invocation)) {
                    return;
                }
                after = invocation.seq();
            }
        } while (page.size() == PAGE);
    }

    /** The events of functions in {@code [start, end]} millis, for Logs Insights. */
    void forEachEvent(String function, long start, long end, Consumer<LogEvent> consumer) {
        forEachInvocation(function, Math.max(0, start - MAX_RUN_MILLIS), end, 0, invocation -> {
            events(invocation).stream().filter(e -> e.timestamp() >= start && e.timestamp() <= end).forEach(consumer);
            return true;
        });
    }

    /** START at the start, each line at its time, END and REPORT when the invocation finished. */
    static List<LogEvent> events(Invocation invocation) {
        List<String> shown = invocation.cloudWatchLines();
        long started = invocation.startedAtMillis();
        List<Invocation.LogLine> lines = invocation.lines();
        // truncated, not rounded up: a rounded-up end could fall after the next invocation's START
        long finished = Math.max(started + (long) invocation.durationMs(),
                lines.isEmpty() ? started : lines.get(lines.size() - 1).timeMillis());
        String stream = invocation.logStream();
        List<LogEvent> out = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            long time;
            if (i == 0) {
                time = started;
            } else if (i >= shown.size() - 2) {
                time = finished;
            } else {
                time = i - 1 < lines.size() ? lines.get(i - 1).timeMillis() : finished;
            }
            out.add(new LogEvent(stream, time, shown.get(i), invocation.seq(), i));
        }
        return out;
    }
}
