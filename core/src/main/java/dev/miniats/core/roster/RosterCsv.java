package dev.miniats.core.roster;

import java.util.List;

/**
 * A roster as RFC 4180 CSV. A cell that a spreadsheet would run as a formula (starting with
 * = + - @ or a tab) is prefixed with an apostrophe (OWASP's CSV injection advice). It is the
 * runtime's {@code /_ats/roster.csv} and the file attached to the roster digest. Thread-safe: stateless.
 */
public final class RosterCsv {
    private RosterCsv() {
    }

    public static String render(List<RosterEntry> entries) {
        StringBuilder csv = new StringBuilder("candidate_name,event_id,candidate_id,testing_day,company\r\n");
        for (RosterEntry e : entries) {
            csv.append(cell(e.candidateName())).append(',').append(cell(e.eventId())).append(',')
                    .append(cell(e.candidateId())).append(',').append(cell(e.testingDay().toString())).append(',')
                    .append(cell(e.companyName())).append("\r\n");
        }
        return csv.toString();
    }

    public static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
