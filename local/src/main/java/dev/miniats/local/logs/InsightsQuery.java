package dev.miniats.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.logs.LogsModel.ResultField;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The common Logs Insights commands (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html),
 * joined with {@code |}: {@code fields a, b}; {@code filter} with {@code = != < <= > >=},
 * {@code like /regex/} or {@code like "text"}, {@code not}, {@code and}, {@code or}, parentheses
 * and {@code ispresent(f)}; {@code sort f asc|desc}; {@code limit n}; {@code stats count(*)}
 * (or {@code count(f)}, {@code sum}, {@code avg}, {@code min}, {@code max}) {@code as name by f, g}.
 * Any other command is refused with {@code MalformedQueryException}, never half-run. Each event
 * has {@code @timestamp}, {@code @message}, {@code @logStream}, {@code @log}, {@code @ptr}, and
 * the properties of a JSON message as {@code a.b}, as Insights discovers them. Hand-written, as
 * no library speaks this language. Immutable.
 */
final class InsightsQuery {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final List<String> DEFAULT_FIELDS = List.of("@timestamp", "@message");

    /** One event's fields, in discovery order. */
    record Row(Map<String, String> fields) {
        static Row of(LogGroupEvents.LogEvent e, String group) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("@timestamp", TIMESTAMP.format(Instant.ofEpochMilli(e.timestamp())));
            fields.put("@message", e.message());
            fields.put("@logStream", e.stream());
            fields.put("@log", group);
            fields.put("@ptr", e.eventId());
            String m = e.message().strip();
            if (m.startsWith("{")) {
                try {
                    flatten("", Json.MAPPER.readTree(m), fields);
                } catch (java.io.IOException ignored) {
                    // not JSON after all: the event keeps only its @ fields, as in Insights
                }
            }
            return new Row(fields);
        }

        private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
            if (node.isObject()) {
                node.properties().forEach(p -> flatten(prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey(), p.getValue(), into));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "." + i, node.get(i), into);
                }
            } else if (!node.isNull() && !prefix.isEmpty()) {
                into.putIfAbsent(prefix, node.asText());
            }
        }
    }

    record Result(List<List<ResultField>> rows, long matched) {
    }

    /** Thrown when a query uses what this subset does not have, or is not a query: Insights' {@code MalformedQueryException}. */
    static final class MalformedQueryException extends AwsException {
        MalformedQueryException(String message) {
            super(400, "MalformedQueryException", message);
        }
    }

    private final List<Function<List<Row>, List<Row>>> steps;
    private final List<String> fields;

    private InsightsQuery(List<Function<List<Row>, List<Row>>> steps, List<String> fields) {
        this.steps = steps;
        this.fields = fields;
    }

    static InsightsQuery parse(String query) {
        List<Function<List<Row>, List<Row>>> steps = new ArrayList<>();
        List<String> fields = DEFAULT_FIELDS;
        for (String command : split(query)) {
            String c = command.strip();
            String keyword = c.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String rest = c.substring(keyword.length()).strip();
            switch (keyword) {
                case "fields", "display" -> fields = names(rest, command);
                case "filter" -> {
                    Predicate<Row> p = new InsightsFilter(rest).parse();
                    steps.add(rows -> rows.stream().filter(p).toList());
                }
                case "sort" -> steps.add(sort(rest));
                case "limit" -> {
                    if (!rest.matches("\\d{1,5}")) {
                        throw new MalformedQueryException("limit needs a whole number, as in 'limit 20'; got '" + rest + "'");
                    }
                    int n = Integer.parseInt(rest);
                    steps.add(rows -> rows.subList(0, Math.min(n, rows.size())));
                }
                case "stats" -> {
                    InsightsStats stats = InsightsStats.parse(rest);
                    steps.add(stats::apply);
                    fields = stats.columns();
                }
                default -> throw new MalformedQueryException("The local runtime's Logs Insights supports fields, display, filter, sort,"
                        + " limit and stats; '" + keyword + "' is not supported (query: " + query + ")");
            }
        }
        return new InsightsQuery(steps, fields);
    }

    /** Commands separated by {@code |} outside quotes and /regex/. */
    private static List<String> split(String query) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char ch : query.toCharArray()) {
            if (quote != 0) {
                quote = ch == quote ? 0 : quote;
            } else if (ch == '"' || ch == '\'' || ch == '/') {
                quote = ch;
            } else if (ch == '|') {
                out.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(ch);
        }
        out.add(current.toString());
        if (out.stream().anyMatch(String::isBlank)) {
            throw new MalformedQueryException("The query has an empty command between | separators: " + query);
        }
        return out;
    }

    private static List<String> names(String list, String command) {
        List<String> out = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.strip();
            if (!n.matches("@?[A-Za-z0-9_.$-]+")) {
                throw new MalformedQueryException("'" + command.strip() + "' needs field names separated by commas; got '" + n + "'");
            }
            out.add(n);
        }
        return out;
    }

    private static Function<List<Row>, List<Row>> sort(String spec) {
        String[] parts = spec.split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2
                || (parts.length == 2 && !parts[1].equalsIgnoreCase("asc") && !parts[1].equalsIgnoreCase("desc"))) {
            throw new MalformedQueryException("sort takes one field and asc or desc, as in 'sort @timestamp desc'; got '" + spec + "'");
        }
        String field = parts[0];
        Comparator<Row> order = Comparator.comparing(r -> r.fields().get(field), InsightsQuery::compareValues);
        Comparator<Row> chosen = parts.length == 2 && parts[1].equalsIgnoreCase("desc") ? order.reversed() : order;
        return rows -> rows.stream().sorted(chosen).toList();
    }

    /** Numbers by value, other text by text, absent last. */
    static int compareValues(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return x != null && y != null ? x.compareTo(y) : a.compareTo(b);
    }

    static BigDecimal number(String s) {
        try {
            return s == null ? null : new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static final Pattern FIELD = Pattern.compile("@?[A-Za-z0-9_.$-]+");

    Result run(List<Row> rows, int limit) {
        List<Row> current = rows;
        for (Function<List<Row>, List<Row>> step : steps) {
            current = step.apply(current);
        }
        long matched = current.size();
        List<List<ResultField>> out = new ArrayList<>();
        for (Row row : current.subList(0, Math.min(limit, current.size()))) {
            List<ResultField> line = new ArrayList<>();
            for (String field : fields) {
                String value = row.fields().get(field);
                if (value != null) {
                    line.add(new ResultField(field, value));
                }
            }
            if (row.fields().containsKey("@ptr")) {
                line.add(new ResultField("@ptr", row.fields().get("@ptr")));
            }
            out.add(line);
        }
        return new Result(out, matched);
    }
}
