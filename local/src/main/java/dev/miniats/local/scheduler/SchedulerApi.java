package dev.miniats.local.scheduler;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.Json;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's REST-JSON API (https://docs.aws.amazon.com/scheduler/latest/APIReference/):
 * schedules and schedule groups with tags, answered with the service's shapes and errors. Thread-safe.
 */
final class SchedulerApi {
    static final String DEFAULT_GROUP = "default";
    static final Pattern GROUP_NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");

    record ScheduleArnAnswer(String scheduleArn) {
    }

    record GroupArnAnswer(String scheduleGroupArn) {
    }

    record TargetSummary(String arn) {
    }

    record ScheduleSummary(String arn, Double creationDate, String groupName, Double lastModificationDate, String name,
                           String state, TargetSummary target) {
    }

    record ListSchedulesAnswer(List<ScheduleSummary> schedules, String nextToken) {
    }

    record GroupAnswer(String arn, Double creationDate, Double lastModificationDate, String name, String state) {
    }

    record ListGroupsAnswer(List<GroupAnswer> scheduleGroups, String nextToken) {
    }

    record Tag(String key, String value) {
    }

    record TagsBody(List<Tag> tags) {
    }

    record CreateGroupBody(String clientToken, List<Tag> tags) {
    }

    private final ScheduleStore store;
    private final SchedulerEngine engine;
    private final Arns arns;
    private final Clock clock;

    SchedulerApi(ScheduleStore store, SchedulerEngine engine, Arns arns, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.arns = arns;
        this.clock = clock;
    }

    private String scheduleArn(String group, String name) {
        return arns.of("scheduler", "schedule/" + group + "/" + name);
    }

    private String groupArn(String group) {
        return arns.of("scheduler", "schedule-group/" + group);
    }

    private double now() {
        return clock.millis() / 1000.0;
    }

    void create(Context ctx) {
        Schedule body = Json.body(ctx, Schedule.class);
        String group = existingGroup(body.groupName());
        String name = ctx.pathParam("Name");
        double now = now();
        Schedule s = new Schedule(scheduleArn(group, name), name, group, body.description(), body.scheduleExpression(),
                body.scheduleExpressionTimezone(), body.startDate(), body.endDate(), body.state() == null ? "ENABLED" : body.state(),
                body.flexibleTimeWindow(), body.target(), body.actionAfterCompletion(), body.kmsKeyArn(), now, now);
        SchedulerEngine.Next next = engine.next(s, s.validate(), clock.instant());
        if (!store.put(s, next.nominal(), next.due(), true)) {
            throw SchedulerException.conflict("Schedule " + name + " already exists.");
        }
        engine.wake();
        Json.answer(ctx, "application/json", new ScheduleArnAnswer(s.arn()));
    }

    /** UpdateSchedule replaces the whole definition, as the API documents; the creation date stays. */
    void update(Context ctx) {
        Schedule body = Json.body(ctx, Schedule.class);
        String group = existingGroup(body.groupName());
        String name = ctx.pathParam("Name");
        Schedule old = require(group, name);
        Schedule s = new Schedule(old.arn(), name, group, body.description(), body.scheduleExpression(),
                body.scheduleExpressionTimezone(), body.startDate(), body.endDate(), body.state() == null ? "ENABLED" : body.state(),
                body.flexibleTimeWindow(), body.target(), body.actionAfterCompletion(), body.kmsKeyArn(), old.creationDate(), now());
        SchedulerEngine.Next next = engine.next(s, s.validate(), clock.instant());
        store.put(s, next.nominal(), next.due(), false);
        engine.wake();
        Json.answer(ctx, "application/json", new ScheduleArnAnswer(s.arn()));
    }

    void get(Context ctx) {
        Json.answer(ctx, "application/json", require(group(ctx.queryParam("groupName")), ctx.pathParam("Name")));
    }

    void delete(Context ctx) {
        String group = group(ctx.queryParam("groupName"));
        String name = ctx.pathParam("Name");
        if (!store.delete(group, name)) {
            throw SchedulerException.missing("Schedule " + name + " does not exist.");
        }
        engine.wake();
        Json.answer(ctx, "application/json", Map.of());
    }

    void list(Context ctx) {
        String group = ctx.queryParam("ScheduleGroup");
        String prefix = ctx.queryParam("NamePrefix");
        String state = ctx.queryParam("State");
        if (state != null && !state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw SchedulerException.invalid("State is '" + state + "'; expected ENABLED or DISABLED");
        }
        if (group != null) {
            existingGroup(group);
        }
        Predicate<Schedule> keep = s -> (prefix == null || s.name().startsWith(prefix)) && (state == null || state.equals(s.state()));
        List<ScheduleSummary> all = new ArrayList<>();
        for (Schedule s : store.list(group)) {
            if (keep.test(s)) {
                all.add(new ScheduleSummary(s.arn(), s.creationDate(), s.groupName(), s.lastModificationDate(), s.name(), s.state(),
                        new TargetSummary(s.target().arn())));
            }
        }
        Page<ScheduleSummary> page = page(all, ctx);
        Json.answer(ctx, "application/json", new ListSchedulesAnswer(page.items(), page.next()));
    }

    void createGroup(Context ctx) {
        String name = ctx.pathParam("Name");
        if (!GROUP_NAME.matcher(name).matches()) {
            throw SchedulerException.invalid("Name is '" + name + "'; expected 1 to 64 letters, digits, '-', '_' or '.'");
        }
        CreateGroupBody body = Json.body(ctx, CreateGroupBody.class);
        if (!store.createGroup(name, clock.millis(), tags(body.tags()))) {
            throw SchedulerException.conflict("Schedule group " + name + " already exists.");
        }
        Json.answer(ctx, "application/json", new GroupArnAnswer(groupArn(name)));
    }

    void getGroup(Context ctx) {
        ScheduleStore.Group g = store.group(ctx.pathParam("Name"))
                .orElseThrow(() -> SchedulerException.missing("Schedule group " + ctx.pathParam("Name") + " does not exist."));
        Json.answer(ctx, "application/json", groupAnswer(g));
    }

    void deleteGroup(Context ctx) {
        String name = ctx.pathParam("Name");
        if (DEFAULT_GROUP.equals(name)) {
            throw SchedulerException.invalid("The default schedule group cannot be deleted.");
        }
        if (!store.deleteGroup(name)) {
            throw SchedulerException.missing("Schedule group " + name + " does not exist.");
        }
        engine.wake();
        Json.answer(ctx, "application/json", Map.of());
    }

    void listGroups(Context ctx) {
        String prefix = ctx.queryParam("NamePrefix");
        List<GroupAnswer> all = store.groups().stream().filter(g -> prefix == null || g.name().startsWith(prefix))
                .map(this::groupAnswer).toList();
        Page<GroupAnswer> page = page(all, ctx);
        Json.answer(ctx, "application/json", new ListGroupsAnswer(page.items(), page.next()));
    }

    void listTags(Context ctx) {
        ScheduleStore.Group g = taggable(ctx.pathParam("arn"));
        List<Tag> tags = g.tags().entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
        Json.answer(ctx, "application/json", new TagsBody(tags));
    }

    void tag(Context ctx) {
        ScheduleStore.Group g = taggable(ctx.pathParam("arn"));
        Map<String, String> merged = new TreeMap<>(g.tags());
        merged.putAll(tags(Json.body(ctx, TagsBody.class).tags()));
        if (merged.size() > 200) {
            throw SchedulerException.invalid("A schedule group can have at most 200 tags");
        }
        store.setTags(g.name(), merged, clock.millis());
        Json.answer(ctx, "application/json", Map.of());
    }

    void untag(Context ctx) {
        ScheduleStore.Group g = taggable(ctx.pathParam("arn"));
        Map<String, String> kept = new TreeMap<>(g.tags());
        ctx.queryParams("TagKeys").forEach(kept::remove);
        store.setTags(g.name(), kept, clock.millis());
        Json.answer(ctx, "application/json", Map.of());
    }

    private ScheduleStore.Group taggable(String rawArn) {
        // the CLI percent-encodes the whole ARN into the path, slashes included
        String arn = rawArn == null ? null : java.net.URLDecoder.decode(rawArn.replace("+", "%2B"), StandardCharsets.UTF_8);
        String prefix = groupArn("x");
        prefix = prefix.substring(0, prefix.length() - 1);
        if (arn == null || !arn.startsWith(prefix)) {
            throw SchedulerException.invalid("ResourceArn is '" + arn + "'; expected a schedule group ARN " + prefix + "NAME");
        }
        String name = arn.substring(prefix.length());
        return store.group(name).orElseThrow(() -> SchedulerException.missing("Schedule group " + name + " does not exist."));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (Tag t : tags) {
                if (t == null || t.key() == null || t.key().isEmpty() || t.key().length() > 128 || t.value() == null || t.value().length() > 256) {
                    throw SchedulerException.invalid("Each tag needs a Key of 1 to 128 characters and a Value of at most 256");
                }
                out.put(t.key(), t.value());
            }
        }
        return out;
    }

    private GroupAnswer groupAnswer(ScheduleStore.Group g) {
        return new GroupAnswer(groupArn(g.name()), g.createdAt() / 1000.0, g.modifiedAt() / 1000.0, g.name(), "ACTIVE");
    }

    private Schedule require(String group, String name) {
        return store.get(group, name).orElseThrow(() -> SchedulerException.missing("Schedule " + name + " does not exist."));
    }

    private static String group(String name) {
        return name == null || name.isEmpty() ? DEFAULT_GROUP : name;
    }

    private String existingGroup(String name) {
        String group = group(name);
        if (store.group(group).isEmpty()) {
            throw SchedulerException.missing("Schedule group " + group + " does not exist.");
        }
        return group;
    }

    private record Page<T>(List<T> items, String next) {
    }

    /** MaxResults 1–100 and an opaque NextToken (the offset), as the List operations document. */
    private static <T> Page<T> page(List<T> all, Context ctx) {
        int size = 100;
        String max = ctx.queryParam("MaxResults");
        if (max != null) {
            try {
                size = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 100) {
                throw SchedulerException.invalid("MaxResults is '" + max + "'; expected 1 to 100");
            }
        }
        int from = 0;
        String token = ctx.queryParam("NextToken");
        if (token != null) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw SchedulerException.invalid("NextToken is not one this API returned");
            }
        }
        int to = Math.min(all.size(), from + size);
        List<T> items = from >= all.size() ? List.of() : all.subList(from, to);
        String next = to < all.size() ? Base64.getUrlEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.US_ASCII)) : null;
        return new Page<>(items, next);
    }

    /** {@code GET /_ats/schedules/history?arn=}: delivery attempts, newest first. */
    void history(Context ctx) {
        Json.answer(ctx, "application/json", Map.of("attempts", store.history(ctx.queryParam("arn"), 200)));
    }

}
