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
    private final Arns arns;

    public SchedulerService(Database database, ScheduleTargets targets, Arns arns, Clock clock, double timeScale) {
        this.store = new ScheduleStore(database);
        this.clock = clock;
        this.arns = arns;
        store.createGroup(SchedulerApi.DEFAULT_GROUP, clock.millis(), Map.of());
        this.engine = new SchedulerEngine(store, targets, clock, timeScale, RandomGenerator.getDefault());
        this.api = new SchedulerApi(store, engine, arns, clock);
    }

    /** Creates schedule group {@code name} unless it exists (the runtime's own groups, like the reminders'). */
    public void ensureGroup(String name) {
        store.createGroup(name, clock.millis(), Map.of());
    }

    /**
     * Creates schedule group {@code name} for a CloudFormation stack; false when it exists.
     *
     * @throws SchedulerException when the name is not 1 to 64 letters, digits, '-', '_' or '.'
     */
    public boolean createGroup(String name) {
        if (!SchedulerApi.GROUP_NAME.matcher(name).matches()) {
            throw SchedulerException.invalid("Name is '" + name + "'; expected 1 to 64 letters, digits, '-', '_' or '.'");
        }
        return store.createGroup(name, clock.millis(), Map.of());
    }

    /** Deletes schedule group {@code name} and its schedules, as DeleteScheduleGroup does; false when there is none. */
    public boolean deleteGroup(String name) {
        boolean deleted = !SchedulerApi.DEFAULT_GROUP.equals(name) && store.deleteGroup(name);
        if (deleted) {
            engine.wake();
        }
        return deleted;
    }

    /** The ARN of schedule group {@code name}. */
    public String groupArn(String name) {
        return arns.of("scheduler", "schedule-group/" + name);
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
