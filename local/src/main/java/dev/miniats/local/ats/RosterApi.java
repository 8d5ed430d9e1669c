package dev.miniats.local.ats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.core.event.EmailAddress;
import dev.miniats.core.event.InvalidEventException;
import dev.miniats.core.mail.RawEmail;
import dev.miniats.core.mail.RosterDigests;
import dev.miniats.core.roster.RosterCsv;
import dev.miniats.core.roster.RosterEntry;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.ses.LocalSes;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The partner roster over HTTP: the days a partner has candidates on, one day's roster as CSV,
 * and the roster as one digest email to the partner's coordinator, on request. The digest is
 * composed by core's {@link RosterDigests} (a template like the hiring emails); the local SES only
 * sends it. Thread-safe: it keeps no state of its own.
 */
final class RosterApi {
    private final RosterReadModel roster;
    private final RosterDigests digests;
    private final LocalSes ses;

    RosterApi(RosterReadModel roster, RosterDigests digests, LocalSes ses) {
        this.roster = roster;
        this.digests = digests;
        this.ses = ses;
    }

    /** The body of {@code POST /_ats/roster/digest}. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DigestRequest(String company, String day, String to, String from) {
    }

    /** What {@code POST /_ats/roster/digest} answers: the SES message id and how many candidates it lists. */
    record DigestAnswer(@JsonProperty("MessageId") String messageId, @JsonProperty("candidates") int candidates) {
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
        DigestRequest request = Json.body(ctx, DigestRequest.class);
        String company = required(request.company(), "company");
        LocalDate day = day(request.day());
        EmailAddress to = address(request.to(), "to");
        EmailAddress from = address(request.from(), "from");
        List<RosterEntry> entries = roster.roster(company, day);
        RawEmail digest = digests.compose(from, to, company, day, entries);
        String messageId = ses.sendRaw("ats-roster", digest.mime(), List.of(to.address()), from.address(), LocalSes.MAX_MESSAGE_BYTES_V2);
        Json.answer(ctx, "application/json", new DigestAnswer(messageId, entries.size()));
    }

    private static EmailAddress address(String value, String name) {
        try {
            return EmailAddress.parse(name, required(value, name));
        } catch (InvalidEventException e) {
            throw AwsException.validation(e.getMessage());
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw AwsException.validation("Parameter " + name + " is missing; expected a non-empty value");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // the company is the digest's subject line: a header never carries control characters
            throw AwsException.validation("Parameter " + name + " contains control characters; expected one line of text");
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
