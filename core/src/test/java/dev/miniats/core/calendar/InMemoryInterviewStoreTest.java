package dev.miniats.core.calendar;

class InMemoryInterviewStoreTest extends InterviewStoreContract {
    @Override
    protected InterviewStore newStore() {
        return new InMemoryInterviewStore();
    }
}
