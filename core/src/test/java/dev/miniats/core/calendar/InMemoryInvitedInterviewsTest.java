package dev.miniats.core.calendar;

class InMemoryInvitedInterviewsTest extends InvitedInterviewsContract {
    @Override
    protected InvitedInterviews newStore() {
        return new InMemoryInvitedInterviews();
    }
}
