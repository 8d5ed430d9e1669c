package dev.miniats.local.ats;

import dev.miniats.core.pipeline.PipelineFlow;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import dev.miniats.local.sqlite.SqlitePipelineStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The hiring pipeline as users read it, in the console and on {@code /_ats/pipeline}: each
 * candidate at the {@link Stage} of their latest change in the stage history that the
 * {@code record-pipeline} function keeps (the same projection, in DynamoDB, on AWS). It is
 * eventually consistent like that function: an event moves its candidate once it is delivered.
 *
 * <p>The candidates are held in memory and advanced by the rows recorded since the last read, so a
 * page costs one indexed look-up plus a scan of the cached list; the first read loads the whole
 * history once. Thread-safe: readers share an immutable snapshot; refreshes are serialised.
 */
public final class PipelineReadModel {
    /** A candidate's current stage is that of their last change by time, then event id, as {@link SqlitePipelineStore#history} orders it. */
    private static final Comparator<Candidate> LATEST = Comparator.comparing(Candidate::since).thenComparing(Candidate::eventId);
    private static final Comparator<Candidate> NEWEST_FIRST =
            Comparator.comparing(Candidate::since).reversed().thenComparing(Candidate::id);

    private final SqlitePipelineStore store;
    private volatile Snapshot snapshot = new Snapshot(0, List.of(), Map.of());
    /** Every change read so far, for {@link #flow}: the funnel needs whole histories, not only the latest stage. */
    private final List<StageChange> allChanges = new ArrayList<>();
    private PipelineFlow flow;
    private long flowRowId = 0;

    public PipelineReadModel(SqlitePipelineStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A candidate at their current stage, with the facts of the change that put them there. */
    public record Candidate(String id, String name, String company, Stage stage, Instant since, String eventId) {
        static Candidate of(StageChange change) {
            return new Candidate(change.candidateId(), change.candidateName(), change.companyName(), change.stage(),
                    change.at(), change.eventId());
        }
    }

    /**
     * One page of a search.
     *
     * @param counts     how many candidates are at each stage (every stage, zero included), whatever the search
     * @param total      how many candidates there are
     * @param matching   how many candidates the search matched
     * @param candidates the page of them, most recent change first
     */
    public record Page(Map<Stage, Integer> counts, int total, int matching, List<Candidate> candidates) {
    }

    /**
     * Candidates at {@code stage} (null: any) whose name or id contains {@code query} (ignoring
     * case; null or blank: all), skipping {@code offset} and returning at most {@code limit}.
     */
    public Page search(String query, Stage stage, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset is " + offset + " and limit is " + limit + "; expected both >= 0");
        }
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
        int from = Math.min(offset, matching.size());
        int to = (int) Math.min(matching.size(), (long) from + limit);
        return new Page(counts, all.size(), matching.size(), List.copyOf(matching.subList(from, to)));
    }

    public Optional<Candidate> candidate(String id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    /**
     * The funnel's conversions and times in stage ({@link PipelineFlow}) over the whole history:
     * recomputed only when rows were recorded since the last call, as the board asks on every change.
     */
    public synchronized PipelineFlow flow() {
        List<SqlitePipelineStore.Recorded> recorded = store.recordedAfter(flowRowId);
        if (flow == null || !recorded.isEmpty()) {
            recorded.forEach(r -> allChanges.add(r.change()));
            flowRowId = recorded.isEmpty() ? flowRowId : recorded.get(recorded.size() - 1).rowId();
            flow = PipelineFlow.of(allChanges);
        }
        return flow;
    }

    /** The candidate's stage history, oldest first; empty for an unknown candidate. */
    public List<StageChange> history(String id) {
        return store.history(id);
    }

    private static boolean matches(Candidate c, String needle) {
        return c.name().toLowerCase(Locale.ROOT).contains(needle) || c.id().toLowerCase(Locale.ROOT).contains(needle);
    }

    private record Snapshot(long lastRowId, List<Candidate> candidates, Map<String, Candidate> byId) {
    }

    /** The snapshot with every row recorded so far; reads nothing but an empty range when nothing changed. */
    private synchronized Snapshot current() {
        Snapshot cached = snapshot;
        Snapshot fresh;
        if (cached.lastRowId() == 0) {
            SqlitePipelineStore.Latest latest = store.latest();
            fresh = snapshot(latest.lastRowId(), new HashMap<>(), latest.changes());
        } else {
            List<SqlitePipelineStore.Recorded> recorded = store.recordedAfter(cached.lastRowId());
            if (recorded.isEmpty()) {
                return cached;
            }
            fresh = snapshot(recorded.get(recorded.size() - 1).rowId(), new HashMap<>(cached.byId()),
                    recorded.stream().map(SqlitePipelineStore.Recorded::change).toList());
        }
        snapshot = fresh;
        return fresh;
    }

    /** Rows arrive in recording order, which is not event order when deliveries overtake each other. */
    private static Snapshot snapshot(long lastRowId, Map<String, Candidate> byId, List<StageChange> changes) {
        for (StageChange change : changes) {
            byId.merge(change.candidateId(), Candidate.of(change), (now, next) -> LATEST.compare(next, now) >= 0 ? next : now);
        }
        List<Candidate> candidates = new ArrayList<>(byId.values());
        candidates.sort(NEWEST_FIRST);
        return new Snapshot(lastRowId, List.copyOf(candidates), Map.copyOf(byId));
    }
}
