package dev.miniats.local.scheduler;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler expression
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html): a one-time
 * {@code at(yyyy-mm-ddThh:mm:ss)}, a {@code rate(value unit)} or a six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)}, each read in the schedule's
 * time zone. Cron fields are parsed and stepped by cron-utils with a definition of AWS's dialect
 * (day-of-week 1–7 = SUN–SAT, {@code ?}, {@code L}, {@code W}, {@code #}, names). Immutable.
 */
sealed interface ScheduleExpression {
    Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    Pattern RATE = Pattern.compile("rate\\((\\d+) (minutes?|hours?|days?)\\)");
    Pattern CRON = Pattern.compile("cron\\((.+)\\)");

    /**
     * The first time after {@code after} (exclusive) this expression fires in {@code zone}, never
     * before {@code anchor} (the start date or the creation time); empty when it never fires again.
     */
    Optional<Instant> next(Instant after, Instant anchor, ZoneId zone);

    /** True for {@code at(...)}: it fires once. */
    default boolean oneTime() {
        return false;
    }

    /** Parses {@code text}; {@link SchedulerException} (ValidationException) naming what is wrong. */
    static ScheduleExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw SchedulerException.invalid("ScheduleExpression is required; expected at(...), rate(...) or cron(...)");
        }
        String s = text.strip();
        Matcher m;
        if ((m = AT.matcher(s)).matches()) {
            try {
                return new At(LocalDateTime.parse(m.group(1)));
            } catch (DateTimeParseException e) {
                throw SchedulerException.invalid("Invalid Schedule Expression " + text + ": " + e.getMessage());
            }
        }
        if ((m = RATE.matcher(s)).matches()) {
            long value = Long.parseLong(m.group(1));
            if (value < 1 || value > 1_000_000) {
                throw SchedulerException.invalid("Invalid Schedule Expression " + text + ": the rate value must be a whole number from 1");
            }
            String unit = m.group(2);
            Duration period = unit.startsWith("minute") ? Duration.ofMinutes(value)
                    : unit.startsWith("hour") ? Duration.ofHours(value) : Duration.ofDays(value);
            return new Rate(period);
        }
        if ((m = CRON.matcher(s)).matches()) {
            return Cron6.parse(text, m.group(1).strip());
        }
        throw SchedulerException.invalid("Invalid Schedule Expression " + text
                + "; expected at(yyyy-mm-ddThh:mm:ss), rate(value minutes|hours|days) or cron(minutes hours day-of-month month day-of-week year)");
    }

    /** {@code at(...)}: local date-time in the schedule's zone. */
    record At(LocalDateTime when) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after, Instant anchor, ZoneId zone) {
            Instant at = when.atZone(zone).toInstant();
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }

        @Override
        public boolean oneTime() {
            return true;
        }
    }

    /** {@code rate(...)}: every period, counted from the anchor. */
    record Rate(Duration period) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after, Instant anchor, ZoneId zone) {
            long periodMs = period.toMillis();
            long elapsed = after.toEpochMilli() - anchor.toEpochMilli();
            long k = elapsed < 0 ? 1 : elapsed / periodMs + 1;
            return Optional.of(anchor.plusMillis(k * periodMs));
        }
    }

    /** {@code cron(...)} in AWS's six-field dialect. */
    record Cron6(String fields, ExecutionTime execution) implements ScheduleExpression {
        private static final CronDefinition AWS = CronDefinitionBuilder.defineCron()
                .withMinutes().withValidRange(0, 59).and()
                .withHours().withValidRange(0, 23).and()
                .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().and()
                .withMonth().withValidRange(1, 12).and()
                .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL().supportsQuestionMark().and()
                .withYear().withValidRange(1970, 2199).and()
                .instance();
        private static final CronParser PARSER = new CronParser(AWS);

        static Cron6 parse(String text, String fields) {
            String[] parts = fields.split("\\s+");
            if (parts.length != 6) {
                throw SchedulerException.invalid("Invalid Schedule Expression " + text + ": cron takes 6 fields "
                        + "(minutes hours day-of-month month day-of-week year); found " + parts.length);
            }
            // AWS: one of day-of-month and day-of-week must be '?'.
            if (!parts[2].equals("?") && !parts[4].equals("?")) {
                throw SchedulerException.invalid("Invalid Schedule Expression " + text
                        + ": one of day-of-month and day-of-week must be '?'");
            }
            try {
                Cron cron = PARSER.parse(fields);
                return new Cron6(fields, ExecutionTime.forCron(cron));
            } catch (IllegalArgumentException e) {
                throw SchedulerException.invalid("Invalid Schedule Expression " + text + ": " + e.getMessage());
            }
        }

        @Override
        public Optional<Instant> next(Instant after, Instant anchor, ZoneId zone) {
            Instant from = after.isBefore(anchor) ? anchor.minusMillis(1) : after;
            return execution.nextExecution(ZonedDateTime.ofInstant(from, zone)).map(ZonedDateTime::toInstant);
        }
    }
}
