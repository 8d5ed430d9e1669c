package dev.miniats.local.events;

import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.sqlite.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How {@link EventLog} appends events and their deliveries: appends from concurrent callers share
 * one write of the database's committer. Thread-safe.
 */
final class EventAppends {
    /** How long a write waits at most for announced appends: about what one PutEvents takes on a busy core. */
    static final long GATHER_NANOS = 500_000;

    private final Database db;
    private final long gatherNanos;
    private final Queue<Appending> appends = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean appendQueued = new AtomicBoolean();
    private final AtomicInteger incoming = new AtomicInteger();
    private volatile Thread gathering; // the committer while it waits for announced appends

    EventAppends(Database db, long gatherNanos) {
        this.db = db;
        this.gatherNanos = gatherNanos;
    }

    /**
     * Appends all {@code events} and their deliveries; returns the deliveries created, in order,
     * once they are committed. Appends that arrive while one is queued for the writer join it: the
     * writer runs them as one write, with one statement batch per table and one read of the ids,
     * rather than a savepoint, two batches and a query for each caller (a single-entry PutEvents
     * paid all of that for one row each; issue #15). A failed write fails every append in it.
     */
    List<Delivery> append(List<EventLog.NewEvent> events) {
        Appending mine = new Appending(events);
        appends.add(mine);
        return queued(mine);
    }

    /** Makes sure a write will take {@code mine} (already in {@link #appends}), and waits for its commit. */
    private List<Delivery> queued(Appending mine) {
        if (appendQueued.compareAndSet(false, true)) {
            try {
                queueAppendWrite();
            } catch (RuntimeException e) {
                appendQueued.set(false);
                failQueuedAppends(e);
            }
        }
        return mine.await();
    }

    private void queueAppendWrite() {
        List<Appending> batch = new ArrayList<>();
        db.writeLater(c -> {
            gather(batch);
            appendQueued.set(false); // an append from now on queues the next write; the ones before are taken below
            drain(batch);
            return insert(c, batch);
        }).whenComplete((firstId, failure) -> {
            if (failure != null) {
                RuntimeException e = failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                batch.forEach(a -> a.result.completeExceptionally(e));
                return;
            }
            long id = firstId;
            for (Appending a : batch) {
                a.result.complete(created(a.events, id));
                id += a.deliveries;
            }
        });
    }

    /**
     * Takes the waiting appends into {@code batch}, and while appends announced by {@link #incoming}
     * are still on their way (another PutEvents being validated and matched on another thread),
     * waits for them, up to {@link #GATHER_NANOS}. Without the wait, 10-entry PutEvents mostly
     * got a transaction each, whose commit and WAL pages cost as much as the rows (the committer
     * took 36 µs per event without it, 26 with it, in one run). A lone request never waits:
     * nothing else is announced.
     */
    private void gather(List<Appending> batch) {
        drain(batch);
        long deadline = System.nanoTime() + gatherNanos;
        for (long left; incoming.get() > 0 && (left = deadline - System.nanoTime()) > 0; ) {
            gathering = Thread.currentThread();
            if (incoming.get() > 0) {
                LockSupport.parkNanos(this, left);
            }
            gathering = null;
            drain(batch);
        }
    }

    private void drain(List<Appending> batch) {
        for (Appending a; (a = appends.poll()) != null; ) {
            batch.add(a);
        }
    }

    /**
     * Announces an append that is on its way: a write that starts before it arrives waits for it
     * (a little). Every announcement ends with {@link Incoming#append} or {@link Incoming#close}.
     */
    Incoming incoming() {
        incoming.incrementAndGet();
        return new Incoming();
    }

    /** An announced append; closing it without appending withdraws the announcement. Used by one thread. */
    public final class Incoming implements AutoCloseable {
        private boolean ended;

        private Incoming() {
        }

        /** {@link EventAppends#append}, for the append announced. */
        List<Delivery> append(List<EventLog.NewEvent> events) {
            if (ended) {
                throw new IllegalStateException("This announced append has already ended");
            }
            Appending mine = new Appending(events);
            appends.add(mine);
            end();
            return queued(mine);
        }

        @Override
        public void close() {
            if (!ended) {
                end();
            }
        }

        private void end() {
            ended = true;
            incoming.decrementAndGet();
            Thread waiting = gathering;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    /** How many appends wait for the write they joined to run (tests). */
    int waiting() {
        return appends.size();
    }

    /** The write could not even be queued (the store is closed or its queue full): nothing waiting gets in. */
    private void failQueuedAppends(RuntimeException e) {
        for (Appending a; (a = appends.poll()) != null; ) {
            a.result.completeExceptionally(e);
        }
    }

    /**
     * Inserts the events and deliveries of {@code batch} as two JDBC batches (events first: a
     * delivery references its event); returns the id of the first delivery inserted.
     */
    private static long insert(Connection c, List<Appending> batch) throws SQLException {
        int count = 0;
        try (PreparedStatement insertEvent = c.prepareStatement(
                "INSERT INTO events (id, bus, source, detail_type, envelope, trace_header, received_at, candidate_key)"
                        + " VALUES (?,?,?,?,?,?,?,?)");
             PreparedStatement insertDelivery = c.prepareStatement(
                     "INSERT INTO deliveries (event_id, rule, target, status, attempts, next_attempt_at, max_attempts, expires_at, updated_at,"
                             + " function, input, dead_letter_arn) VALUES (?,?,?,'pending',0,?,?,?,?,?,?,?)")) {
            for (Appending a : batch) {
                for (EventLog.NewEvent e : a.events) {
                    insertEvent.setString(1, e.id());
                    insertEvent.setString(2, e.bus());
                    insertEvent.setString(3, e.source());
                    insertEvent.setString(4, e.detailType());
                    insertEvent.setString(5, e.envelope());
                    setNullable(insertEvent, 6, e.traceHeader());
                    insertEvent.setLong(7, e.receivedAt());
                    setNullable(insertEvent, 8, e.candidateKey());
                    insertEvent.addBatch();
                    for (EventLog.NewDelivery d : e.deliveries()) {
                        insertDelivery.setString(1, e.id());
                        insertDelivery.setString(2, d.rule());
                        insertDelivery.setString(3, d.target());
                        insertDelivery.setLong(4, e.receivedAt());
                        insertDelivery.setInt(5, d.maxAttempts());
                        insertDelivery.setLong(6, d.expiresAt());
                        insertDelivery.setLong(7, e.receivedAt());
                        setNullable(insertDelivery, 8, d.function());
                        setNullable(insertDelivery, 9, d.input());
                        setNullable(insertDelivery, 10, d.deadLetterArn());
                        insertDelivery.addBatch();
                        count++;
                    }
                }
            }
            insertEvent.executeBatch();
            if (count > 0) {
                insertDelivery.executeBatch();
            }
        }
        return count == 0 ? 0 : lastRowId(c) - count + 1;
    }

    /** One caller's events, waiting for the write they joined. */
    private static final class Appending {
        final List<EventLog.NewEvent> events;
        final int deliveries;
        final CompletableFuture<List<Delivery>> result = new CompletableFuture<>();

        Appending(List<EventLog.NewEvent> events) {
            this.events = events;
            this.deliveries = events.stream().mapToInt(e -> e.deliveries().size()).sum();
        }

        List<Delivery> await() {
            return Database.awaitCommit(result);
        }
    }

    /**
     * The deliveries {@link #append} inserted, numbered from {@code firstId}: this connection is
     * the only writer and the rows went in one after another in one transaction, so AUTOINCREMENT
     * gave them consecutive ids ending at {@code last_insert_rowid()}.
     */
    private static List<Delivery> created(List<EventLog.NewEvent> events, long firstId) {
        List<Delivery> created = new ArrayList<>();
        long id = firstId;
        for (EventLog.NewEvent e : events) {
            for (EventLog.NewDelivery d : e.deliveries()) {
                created.add(new Delivery(id++, e.id(), d.rule(), d.target(), d.function(),
                        d.input() != null ? d.input() : e.envelope(), e.traceHeader(),
                        0, d.maxAttempts(), e.receivedAt(), d.expiresAt()));
            }
        }
        return created;
    }

    private static long lastRowId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }
}
