package dev.miniats.core.calendar;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link InvitedInterviews} in this process's memory, lost on restart: for tests and throwaway
 * runs. Passes the port's contract suite. Thread-safe: every call holds the store's lock.
 */
public final class InMemoryInvitedInterviews implements InvitedInterviews {
    private final Map<String, Invitation> invitations = new HashMap<>();
    private final Map<String, Answer> answers = new HashMap<>();

    @Override
    public synchronized boolean record(InvitedInterview latest, String organizer, String detailJson) {
        Invitation recorded = invitations.get(latest.uid());
        if (recorded != null && recorded.interview().sequence() > latest.sequence()) {
            return false;
        }
        invitations.put(latest.uid(), new Invitation(latest, organizer, detailJson));
        return true;
    }

    @Override
    public synchronized Optional<Invitation> find(String uid) {
        return Optional.ofNullable(invitations.get(uid));
    }

    @Override
    public synchronized Claim claim(CalendarReply reply) {
        Answer answer = Answer.of(reply);
        Optional<Answer> before = Optional.ofNullable(answers.get(key(reply)));
        if (before.isPresent() && before.get().equals(answer)) {
            return new Claim(false, before);
        }
        answers.put(key(reply), answer);
        return new Claim(true, before);
    }

    @Override
    public synchronized void release(CalendarReply reply, Optional<Answer> before) {
        if (!Objects.equals(answers.get(key(reply)), Answer.of(reply))) {
            return; // another reply was claimed since; it stays
        }
        if (before.isPresent()) {
            answers.put(key(reply), before.get());
        } else {
            answers.remove(key(reply));
        }
    }

    private static String key(CalendarReply reply) {
        return reply.uid() + "\n" + reply.attendee();
    }
}
