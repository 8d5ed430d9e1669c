package dev.miniats.local.console;

import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline derived from the event log: a candidate's stage is the one their latest event on
 * the hiring bus puts them in ({@link Stage#after}). Computed in one indexed query (V40's
 * {@code events_bus_candidate}) once, then advanced by the events appended since, so pages and
 * searches cost a scan of the cached list. Thread-safe.
 */
final class EventLogPipelineView implements PipelineView {
    private static final String COLUMNS = "e.candidate_key, e.candidate_name, e.candidate_email, e.company_name, e.detail_type,"
            + " e.received_at, e.seq";
    /*
     * INDEXED BY: left to itself the planner may walk events_bus_seq and compute candidate_key
     * from the JSON of every event (~0.6 s at 100k events) instead of reading it from the index.
     */
    private static final String LATEST = "SELECT " + COLUMNS + " FROM (SELECT candidate_key, max(seq) AS seq"
            + " FROM events INDEXED BY events_bus_candidate WHERE bus = ? AND candidate_key IS NOT NULL GROUP BY candidate_key)"
            + " latest JOIN events e ON e.seq = latest.seq";
    private static final String SINCE = "SELECT " + COLUMNS + " FROM events e WHERE e.seq > ? AND e.bus = ?"
            + " AND e.candidate_key IS NOT NULL ORDER BY e.seq";
    /** Past this many new events a full reload is cheaper than applying them one by one. */
    private static final int MAX_INCREMENT = 5_000;

    private final Database db;
    private final String bus;
    private final List<String> partners;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of(), Map.of());

    EventLogPipelineView(Database db, String bus, List<String> partners) {
        this.db = db;
        this.bus = bus;
        this.partners = List.copyOf(partners);
    }

    private record Snapshot(long lastSeq, List<Candidate> candidates, Map<String, Candidate> byKey) {
    }

    @Override
    public Board board(String query, Stage stage, int page, int pageSize) {
        List<Candidate> all = current().candidates();
        Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            counts.put(s, 0);
        }
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Candidate> matching = new ArrayList<>();
        for (Candidate c : all) {
            counts.merge(c.stage(), 1, Integer::sum);
            if ((stage == null || c.stage() == stage) && (needle.isEmpty() || matches(c, needle))) {
                matching.add(c);
            }
        }
        int largest = counts.values().stream().max(Integer::compare).orElse(0);
        List<StageCount> stages = new ArrayList<>();
        counts.forEach((s, n) -> stages.add(new StageCount(s, n, largest == 0 ? 0 : Math.max(n == 0 ? 0 : 1, n * 100 / largest), s == stage)));
        int pages = Math.max(1, (matching.size() + pageSize - 1) / pageSize);
        int shown = Math.min(Math.max(page, 1), pages);
        int from = (shown - 1) * pageSize;
        return new Board(stages, all.size(), matching.subList(from, Math.min(matching.size(), from + pageSize)),
                matching.size(), shown, pages);
    }

    private static boolean matches(Candidate c, String needle) {
        return c.name().toLowerCase(Locale.ROOT).contains(needle)
                || (c.email() != null && c.email().contains(needle))
                || c.key().toLowerCase(Locale.ROOT).contains(needle);
    }

    @Override
    public Optional<Candidate> candidate(String key) {
        return Optional.ofNullable(current().byKey().get(key));
    }

    private Snapshot current() {
        long lastSeq = lastSeq();
        Snapshot cached = snapshot;
        if (cached.lastSeq() == lastSeq) {
            return cached;
        }
        Snapshot fresh = cached.lastSeq() >= 0 && lastSeq - cached.lastSeq() <= MAX_INCREMENT
                ? advance(cached, lastSeq) : load(lastSeq);
        snapshot = fresh;
        return fresh;
    }

    private long lastSeq() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(seq), 0) FROM events")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** {@code lastSeq} is read before the query, so an event appended meanwhile only makes the next call reload. */
    private Snapshot load(long lastSeq) {
        Map<String, Candidate> byKey = new HashMap<>();
        read(LATEST, s -> s.setString(1, bus), byKey);
        return snapshot(lastSeq, byKey);
    }

    /** Applies the events after {@code cached} in order: each one's candidate takes that event's stage. */
    private Snapshot advance(Snapshot cached, long lastSeq) {
        Map<String, Candidate> byKey = new HashMap<>(cached.byKey());
        read(SINCE, s -> {
            s.setLong(1, cached.lastSeq());
            s.setString(2, bus);
        }, byKey);
        return snapshot(lastSeq, byKey);
    }

    private static Snapshot snapshot(long lastSeq, Map<String, Candidate> byKey) {
        List<Candidate> candidates = new ArrayList<>(byKey.values());
        candidates.sort(Comparator.comparingLong(Candidate::updatedAt).reversed().thenComparing(Candidate::key));
        return new Snapshot(lastSeq, List.copyOf(candidates), Map.copyOf(byKey));
    }

    private interface Binder {
        void bind(PreparedStatement s) throws java.sql.SQLException;
    }

    private void read(String sql, Binder binder, Map<String, Candidate> into) {
        db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String key = r.getString(1);
                        String name = r.getString(2);
                        String email = r.getString(3);
                        String company = r.getString(4);
                        String type = r.getString(5);
                        into.put(key, new Candidate(key, name == null || name.isBlank() ? (email == null ? key : email) : name,
                                email, company, Stage.after(type, company, partners), type, r.getLong(6)));
                    }
                }
                return null;
            }
        });
    }
}
