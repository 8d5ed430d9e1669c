package dev.miniats.local.scheduler;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.sqlite.Database;

import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * EventBridge Scheduler on the runtime's port (signing name {@code scheduler}): schedules that
 * really fire, at their time, across restarts, to the runtime's functions and buses. Start it
 * after the targets can take deliveries; close it before them. Thread-safe.
 */
public final class SchedulerService implements AwsService, AutoCloseable {
    private final SchedulerEngine engine;
    private final SchedulerApi api;
    private final ScheduleStore store;
    private final Clock clock;

    public SchedulerService(Database database, ScheduleTargets targets, Arns arns, Clock clock, double timeScale) {
        this.store = new ScheduleStore(database);
        this.clock = clock;
        store.createGroup(SchedulerApi.DEFAULT_GROUP, clock.millis(), Map.of());
        this.engine = new SchedulerEngine(store, targets, clock, timeScale, RandomGenerator.getDefault());
        this.api = new SchedulerApi(store, engine, arns, clock);
    }

    /** Creates schedule group {@code name} unless it exists (the runtime's own groups, like the reminders'). */
    public void ensureGroup(String name) {
        store.createGroup(name, clock.millis(), Map.of());
    }

    public void start() {
        engine.start();
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.rest("scheduler")
                .post("/schedules/{Name}", api::create)
                .put("/schedules/{Name}", api::update)
                .get("/schedules/{Name}", api::get)
                .delete("/schedules/{Name}", api::delete)
                .get("/schedules", api::list)
                .post("/schedule-groups/{Name}", api::createGroup)
                .get("/schedule-groups/{Name}", api::getGroup)
                .delete("/schedule-groups/{Name}", api::deleteGroup)
                .get("/schedule-groups", api::listGroups)
                .get("/tags/<arn>", api::listTags)
                .post("/tags/<arn>", api::tag)
                .delete("/tags/<arn>", api::untag);
        routes.http().get("/_ats/schedules/history", api::history);
    }

    @Override
    public void close() {
        engine.close();
    }
}
