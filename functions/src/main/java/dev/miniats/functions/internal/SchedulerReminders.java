package dev.miniats.functions.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.CandidateDetail;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.Interview;
import dev.miniats.functions.InterviewReminders;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link InterviewReminders} as EventBridge Scheduler one-time schedules: {@code at(local time)}
 * in the interview's time zone ({@code ScheduleExpressionTimezone}), 24 hours before it starts,
 * targeting the reminder function with the interview's detail as input, deleted by the Scheduler
 * once it has run ({@code ActionAfterCompletion: DELETE}). See
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#one-time.
 * {@link #remind} is an upsert (Create, else Update on conflict), so the first schedule and every
 * reschedule take the same path. An interview less than 24 hours away gets no reminder (an
 * {@code at} time in the past would never run) and loses any it had. Thread-safe (the SDK client is).
 */
public final class SchedulerReminders implements InterviewReminders {
    /** How long before the interview the reminder runs. */
    public static final Duration AHEAD = Duration.ofHours(24);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchedulerClient scheduler;
    private final String group;
    private final String functionArn;
    private final String roleArn;
    private final Clock clock;

    public SchedulerReminders(SchedulerClient scheduler, String group, String functionArn, String roleArn, Clock clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.group = Objects.requireNonNull(group, "group");
        this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The schedule's name: a name-based UUID of the candidate and interview ids, as Scheduler
     * names allow only 64 characters of letters, digits and {@code - _ .}.
     */
    public static String scheduleName(String candidateId, String interviewId) {
        String name = "mini-ats reminder\n" + candidateId + "\n" + interviewId;
        return "interview-reminder-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void remind(HiringEvent event) {
        CandidateDetail detail = event.detail();
        Interview interview = detail.interview();
        String name = scheduleName(detail.candidateId(), interview.interviewId());
        if (!interview.start().minus(AHEAD).isAfter(clock.instant())) {
            cancel(event);
            return;
        }
        String expression = "at(" + AT.format(LocalDateTime.ofInstant(interview.start().minus(AHEAD), interview.timeZone())) + ")";
        Target target = Target.builder().arn(functionArn).roleArn(roleArn).input(input(detail)).build();
        String description = "Reminds " + detail.candidateId() + " of interview " + interview.interviewId();
        try {
            scheduler.createSchedule(r -> r.name(name).groupName(group).scheduleExpression(expression)
                    .scheduleExpressionTimezone(interview.timeZone().getId()).description(description)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE).target(target));
        } catch (ConflictException exists) {
            // UpdateSchedule replaces every field: it is sent whole, as CreateSchedule was.
            scheduler.updateSchedule(r -> r.name(name).groupName(group).scheduleExpression(expression)
                    .scheduleExpressionTimezone(interview.timeZone().getId()).description(description)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE).target(target));
        }
    }

    @Override
    public void cancel(HiringEvent event) {
        String name = scheduleName(event.detail().candidateId(), event.detail().interview().interviewId());
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(group));
        } catch (ResourceNotFoundException gone) {
            // never created (interview too close), already run, or a cancellation run again: nothing to delete
        }
    }

    /** The reminder function's input: the interview's detail, as the hiring events carry it. */
    static String input(CandidateDetail detail) {
        Interview interview = detail.interview();
        ObjectNode input = JSON.createObjectNode();
        input.put("toEmail", detail.toEmail().address());
        input.put("fromEmail", detail.fromEmail().address());
        input.put("companyName", detail.companyName());
        input.put("candidateId", detail.candidateId());
        input.put("candidateName", detail.candidateName());
        ObjectNode stage = input.putObject("interview");
        stage.put("interviewId", interview.interviewId());
        stage.put("start", interview.start().toString());
        stage.put("durationMinutes", interview.duration().toMinutes());
        stage.put("timeZone", interview.timeZone().getId());
        stage.put("location", interview.location());
        stage.put("meetingLink", interview.meetingLink());
        ArrayNode interviewers = stage.putArray("interviewers");
        interview.interviewers().forEach(interviewers::add);
        return input.toString();
    }
}
