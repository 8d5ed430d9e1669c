package dev.miniats.local.console;

import dev.miniats.core.roster.RosterEntry;
import dev.miniats.local.ats.RosterReadModel;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partner roster: for each partner company, its on-site testing days, and for a chosen day
 * the candidates' names and event ids, with the CSV download and a print view.
 */
final class RosterPage {
    private final Pages pages;
    private final RosterReadModel roster;
    private final List<String> partners;

    RosterPage(Pages pages, RosterReadModel roster, List<String> partners) {
        this.pages = pages;
        this.roster = roster;
        this.partners = List.copyOf(partners);
    }

    void show(Context ctx) {
        ctx.html(pages.render("roster", model(ctx, false)));
    }

    /** The same roster without navigation, laid out for paper. */
    void print(Context ctx) {
        ctx.html(pages.render("roster-print", model(ctx, true)));
    }

    private Map<String, Object> model(Context ctx, boolean print) {
        String requested = ctx.queryParam("company");
        String company = partners.stream().filter(p -> p.equalsIgnoreCase(requested)).findFirst().orElse(partners.get(0));
        Map<String, Object> model = pages.model("roster", "Partner roster");
        List<Map<String, Object>> companies = new ArrayList<>();
        for (String partner : partners) {
            companies.add(Map.of("name", partner, "href", "/console/roster?company=" + encode(partner),
                    "current", partner.equalsIgnoreCase(company)));
        }
        model.put("companies", companies);
        model.put("company", company);
        Map<String, Integer> days = roster.days(company);
        String day = ctx.queryParam("day");
        if ((day == null || !days.containsKey(day)) && !days.isEmpty()) {
            day = days.keySet().iterator().next();
        }
        List<Map<String, Object>> dayRows = new ArrayList<>();
        for (Map.Entry<String, Integer> d : days.entrySet()) {
            dayRows.add(Map.of("day", d.getKey(), "count", d.getValue(), "current", d.getKey().equals(day),
                    "href", "/console/roster?company=" + encode(company) + "&day=" + d.getKey()));
        }
        model.put("days", dayRows);
        if (day != null) {
            LocalDate date;
            try {
                date = LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                throw new Console.NotFound("No testing day " + day);
            }
            List<Map<String, Object>> entries = new ArrayList<>();
            for (RosterEntry e : roster.roster(company, date)) {
                Map<String, Object> row = new HashMap<>();
                row.put("name", e.candidateName());
                row.put("eventId", e.eventId());
                row.put("candidateId", e.candidateId());
                entries.add(row);
            }
            model.put("day", day);
            model.put("entries", entries);
            model.put("csvHref", "/_ats/roster.csv?company=" + encode(company) + "&day=" + day);
            model.put("printHref", "/console/roster/print?company=" + encode(company) + "&day=" + day);
        }
        model.put("print", print);
        return model;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
