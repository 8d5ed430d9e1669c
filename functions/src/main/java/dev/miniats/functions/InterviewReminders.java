package dev.miniats.functions;

import dev.miniats.core.event.HiringEvent;

/**
 * Port: the reminder of each interview, a one-time schedule that runs {@code send-interview-reminder}
 * 24 hours before the interview. EventBridge Scheduler on AWS and locally (the runtime's own
 * Scheduler API), through the SDK either way. Both calls are idempotent, so an interview handler
 * that runs again after a crash can call them again. Implementations are thread-safe.
 */
public interface InterviewReminders {
    /** Creates the interview's reminder, or moves it to the event's time if it exists. */
    void remind(HiringEvent event);

    /** Deletes the interview's reminder; nothing when there is none. */
    void cancel(HiringEvent event);

    /** No reminders: for environments without a scheduler (unit tests, throwaway runs). */
    InterviewReminders NONE = new InterviewReminders() {
        @Override
        public void remind(HiringEvent event) {
        }

        @Override
        public void cancel(HiringEvent event) {
        }
    };
}
