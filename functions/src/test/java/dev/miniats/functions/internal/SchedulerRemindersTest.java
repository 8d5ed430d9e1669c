package dev.miniats.functions.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SchedulerReminders} asks of EventBridge Scheduler, recorded by a stand-in client (the
 * end-to-end test runs it against the local runtime's Scheduler).
 */
class SchedulerRemindersTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final List<Object> calls = new ArrayList<>();
    private boolean exists;

    private SchedulerClient client() {
        return (SchedulerClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{SchedulerClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createSchedule") && exists) {
                        throw ConflictException.builder().message("exists").build();
                    }
                    Object request = args[0] instanceof java.util.function.Consumer<?> consumer ? build(method.getName(), consumer) : args[0];
                    calls.add(method.getName() + " " + request);
                    return null;
                });
    }

    @SuppressWarnings("unchecked")
    private static Object build(String name, java.util.function.Consumer<?> consumer) {
        return switch (name) {
            case "createSchedule" -> {
                CreateScheduleRequest.Builder b = CreateScheduleRequest.builder();
                ((java.util.function.Consumer<CreateScheduleRequest.Builder>) consumer).accept(b);
                yield b.build();
            }
            case "updateSchedule" -> {
                UpdateScheduleRequest.Builder b = UpdateScheduleRequest.builder();
                ((java.util.function.Consumer<UpdateScheduleRequest.Builder>) consumer).accept(b);
                yield b.build();
            }
            default -> name;
        };
    }

    private static HiringEvent interviewAt(String start) throws Exception {
        return HiringEvents.parse(new ObjectMapper().readTree("{\"toEmail\":\"ada@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Acme\",\"candidateId\":\"c-1\",\"interview\":{\"interviewId\":\"onsite-1\",\"start\":\"" + start
                + "\",\"timeZone\":\"America/New_York\"}}"), NOW);
    }

    private SchedulerReminders reminders() {
        return new SchedulerReminders(client(), "mini-ats", "arn:aws:lambda:us-east-1:1:function:send-interview-reminder:live",
                "arn:aws:iam::1:role/scheduler", NOW);
    }

    @Test
    void the_reminder_is_a_one_time_schedule_a_day_before_in_the_candidates_local_time() throws Exception {
        reminders().remind(interviewAt("2026-12-05T15:00:00Z"));

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).toString()).startsWith("createSchedule")
                .contains("ScheduleExpression=at(2026-12-04T10:00:00)") // 15:00 UTC is 10:00 in New York
                .contains("ScheduleExpressionTimezone=America/New_York").contains("ActionAfterCompletion=DELETE")
                .contains("GroupName=mini-ats").contains("Name=" + SchedulerReminders.scheduleName("c-1", "onsite-1"));
    }

    @Test
    void an_existing_reminder_is_moved_with_update_schedule() throws Exception {
        exists = true;

        reminders().remind(interviewAt("2026-12-06T15:00:00Z"));

        assertThat(calls).singleElement().asString().startsWith("updateSchedule").contains("at(2026-12-05T10:00:00)");
    }

    @Test
    void an_interview_less_than_a_day_away_gets_no_reminder_and_loses_the_one_it_had() throws Exception {
        reminders().remind(interviewAt("2026-12-02T09:00:00Z"));

        assertThat(calls).singleElement().asString().startsWith("deleteSchedule");
    }
}
