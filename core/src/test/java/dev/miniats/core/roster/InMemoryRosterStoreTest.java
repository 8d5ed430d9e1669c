package dev.miniats.core.roster;

class InMemoryRosterStoreTest extends RosterStoreContract {
    @Override
    protected RosterStore newStore() {
        return new InMemoryRosterStore();
    }
}
