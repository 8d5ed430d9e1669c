package dev.miniats.local.scheduler;

/**
 * Where occurrences are delivered: the runtime's functions and buses. Scheduler invokes Lambda
 * asynchronously (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html),
 * so a function that runs and fails is still a delivered occurrence; only a target that cannot be
 * reached (no such function or bus, throttled) throws, and the occurrence is retried.
 */
public interface ScheduleTargets {
    /** Invokes {@code function} with {@code payload}; returns a note for the history (e.g. the function's error), or null. */
    String invokeFunction(String function, String payload, String traceHeader);

    /** Puts one event on {@code bus}; throws when the bus refuses it. */
    void putEvent(String bus, String source, String detailType, String detail, String traceHeader);
}
