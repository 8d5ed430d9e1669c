package dev.miniats.local.logs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Logs Insights {@code stats} command: {@code count(*)}, {@code count()}, {@code count(f)},
 * {@code sum(f)}, {@code avg(f)}, {@code min(f)}, {@code max(f)}, each optionally
 * {@code as name}, grouped {@code by} fields. {@code bin()} and other functions are refused.
 * Immutable.
 */
record InsightsStats(List<Aggregate> aggregates, List<String> by) {
    private static final Pattern AGGREGATE = Pattern.compile(
            "(?i)(count|sum|avg|min|max)\\(\\s*(\\*|@?[A-Za-z0-9_.$-]*)\\s*\\)(?:\\s+as\\s+(@?[A-Za-z0-9_.$-]+))?");

    record Aggregate(String function, String field, String name) {
    }

    static InsightsStats parse(String spec) {
        String[] parts = spec.split("(?i)\\s+by\\s+", 2);
        List<Aggregate> aggregates = new ArrayList<>();
        for (String one : parts[0].split(",")) {
            Matcher m = AGGREGATE.matcher(one.strip());
            if (!m.matches()) {
                throw new InsightsQuery.MalformedQueryException("stats supports count(*), count(field), sum, avg, min and max"
                        + " [as name] [by field, ...]; '" + one.strip() + "' is not supported");
            }
            String function = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String field = m.group(2).isEmpty() || m.group(2).equals("*") ? null : m.group(2);
            if (field == null && !function.equals("count")) {
                throw new InsightsQuery.MalformedQueryException(function + "() needs a field, as in " + function + "(duration)");
            }
            aggregates.add(new Aggregate(function, field, m.group(3) != null ? m.group(3) : m.group().replaceAll("(?i)\\s+as\\s+.*", "")));
        }
        List<String> by = new ArrayList<>();
        if (parts.length == 2) {
            for (String f : parts[1].split(",")) {
                if (!InsightsQuery.FIELD.matcher(f.strip()).matches()) {
                    throw new InsightsQuery.MalformedQueryException("stats ... by takes field names; '" + f.strip() + "' is not one"
                            + " (bin() and other functions are not supported locally)");
                }
                by.add(f.strip());
            }
        }
        return new InsightsStats(List.copyOf(aggregates), List.copyOf(by));
    }

    List<String> columns() {
        List<String> out = new ArrayList<>(by);
        aggregates.forEach(a -> out.add(a.name()));
        return out;
    }

    List<InsightsQuery.Row> apply(List<InsightsQuery.Row> rows) {
        Map<List<String>, List<InsightsQuery.Row>> groups = new LinkedHashMap<>();
        for (InsightsQuery.Row row : rows) {
            List<String> key = by.stream().map(f -> row.fields().getOrDefault(f, "")).toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<InsightsQuery.Row> out = new ArrayList<>();
        groups.forEach((key, members) -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < by.size(); i++) {
                fields.put(by.get(i), key.get(i));
            }
            aggregates.forEach(a -> fields.put(a.name(), aggregate(a, members)));
            out.add(new InsightsQuery.Row(fields));
        });
        return out;
    }

    private static String aggregate(Aggregate a, List<InsightsQuery.Row> rows) {
        if (a.function().equals("count")) {
            return String.valueOf(a.field() == null ? rows.size() : rows.stream().filter(r -> r.fields().containsKey(a.field())).count());
        }
        List<BigDecimal> values = rows.stream().map(r -> InsightsQuery.number(r.fields().get(a.field())))
                .filter(java.util.Objects::nonNull).toList();
        if (values.isEmpty()) {
            return "";
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return switch (a.function()) {
            case "sum" -> sum.toPlainString();
            case "avg" -> sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64).toPlainString();
            case "min" -> values.stream().min(BigDecimal::compareTo).orElseThrow().toPlainString();
            default -> values.stream().max(BigDecimal::compareTo).orElseThrow().toPlainString();
        };
    }
}
