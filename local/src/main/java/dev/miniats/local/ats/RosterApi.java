package dev.miniats.local.ats;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.roster.RosterEntry;
import dev.miniats.local.ses.LocalSes;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The partner roster over HTTP: the days a partner has candidates on, one day's roster as CSV,
 * and the roster as one digest email to the partner's coordinator, on request.
 */
final class RosterApi {
    private final RosterReadModel roster;
    private final LocalSes ses;

    RosterApi(RosterReadModel roster, LocalSes ses) {
        this.roster = roster;
        this.ses = ses;
    }

    /** {@code GET /_ats/roster?company=} : the testing days with how many candidates each. */
    void days(Context ctx) {
        String company = required(ctx.queryParam("company"), "company");
        Json.answer(ctx, "application/json", Map.of("company", company, "days", roster.days(company)));
    }

    /** {@code GET /_ats/roster.csv?company=&day=} : one day's roster, RFC 4180 CSV. */
    void csv(Context ctx) {
        String company = required(ctx.queryParam("company"), "company");
        LocalDate day = day(ctx.queryParam("day"));
        List<RosterEntry> entries = roster.roster(company, day);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"roster-" + day + ".csv\"")
                .result(RosterCsv.render(entries));
    }

    /** {@code POST /_ats/roster/digest} {company, day, to, from}: emails the day's roster, CSV attached. */
    void digest(Context ctx) {
        JsonNode request = Json.object(ctx);
        String company = required(Json.text(request, "company"), "company");
        LocalDate day = day(Json.text(request, "day"));
        String to = required(Json.text(request, "to"), "to");
        String from = required(Json.text(request, "from"), "from");
        List<RosterEntry> entries = roster.roster(company, day);
        String messageId = ses.sendRosterDigest(from, to, company, day, entries, RosterCsv.render(entries));
        Json.answer(ctx, "application/json", Map.of("MessageId", messageId, "candidates", entries.size()));
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw AwsException.validation("Parameter " + name + " is missing; expected a non-empty value");
        }
        return value.strip();
    }

    private static LocalDate day(String value) {
        try {
            return LocalDate.parse(required(value, "day"));
        } catch (DateTimeParseException e) {
            throw AwsException.validation("Parameter day is '" + value + "'; expected an ISO date like 2026-12-05");
        }
    }
}
