package dev.miniats.local.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the writer connection's prepared statements compiled between writes. sqlite-jdbc has no
 * statement cache of its own, so every {@code prepareStatement} parses and plans its SQL again;
 * on the hot write path (an event insert, a delivery insert, a delivery update per event) that
 * compilation was a quarter of the committer thread's time.
 *
 * <p>{@link #connection()} is the writer connection as the stores see it: {@code prepareStatement}
 * returns a cached statement for the same SQL and flags, and closing that statement only resets
 * it (parameters and batch cleared) so the next caller finds it ready. Everything else goes
 * straight to the real connection. Used by the committer thread only, so not thread-safe.
 */
final class StatementCache {
    private static final int MAX_STATEMENTS = 256;
    /** The JDBC interface methods {@link #forward} has made accessible (public methods of java.sql's interfaces). */
    private static final Set<Method> OPENED = ConcurrentHashMap.newKeySet();

    private final Connection target;
    private final Map<Key, PreparedStatement> statements = new HashMap<>();
    /** The view lent out for each cached statement: one proxy per statement, not one per write. */
    private final Map<PreparedStatement, PreparedStatement> views = new HashMap<>();
    private final Connection connection;

    StatementCache(Connection target) {
        this.target = target;
        this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, this::onConnection);
    }

    /** The connection writes run on. */
    Connection connection() {
        return connection;
    }

    /** A cached statement for internal use (savepoints), prepared once. */
    PreparedStatement prepared(String sql) throws SQLException {
        return cached(new Key(sql, -1));
    }

    private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
            if (args.length == 1) {
                return view(cached(new Key(sql, -1)));
            }
            if (args.length == 2 && args[1] instanceof Integer autoKeys) {
                return view(cached(new Key(sql, autoKeys)));
            }
            // the rarer overloads are prepared fresh and closed by their caller
        }
        if (method.getName().equals("close")) {
            throw new IllegalStateException("The writer connection belongs to the database, not to a write");
        }
        return forward(target, method, args);
    }

    private PreparedStatement cached(Key key) throws SQLException {
        PreparedStatement found = statements.get(key);
        if (found != null) {
            return found;
        }
        if (statements.size() >= MAX_STATEMENTS) {
            // SQL built with values inlined would fill the cache: start over rather than grow
            closeAll();
        }
        PreparedStatement prepared = key.autoKeys() < 0 ? target.prepareStatement(key.sql())
                : target.prepareStatement(key.sql(), key.autoKeys());
        statements.put(key, prepared);
        return prepared;
    }

    private PreparedStatement view(PreparedStatement statement) {
        return views.computeIfAbsent(statement, st -> (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(), new Class<?>[]{PreparedStatement.class}, new Reset(st)));
    }

    /** Closing a borrowed statement resets it instead. */
    private record Reset(PreparedStatement statement) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && (args == null || args.length == 0)) {
                statement.clearParameters();
                statement.clearBatch();
                return null;
            }
            return forward(statement, method, args);
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        if (OPENED.add(method)) {
            // a proxy hands over the same Method objects on every call: without this each call
            // looked up its caller and checked access again (a few percent of the committer's time)
            method.setAccessible(true);
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Closes every cached statement (before the connection closes, or when the cache is full). */
    void closeAll() {
        for (PreparedStatement s : statements.values()) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // closing a finished statement can't lose data
            }
        }
        statements.clear();
        views.clear();
    }

    /** {@code autoKeys} is the {@code Statement.RETURN_GENERATED_KEYS} flag, or -1 when not given. */
    private record Key(String sql, int autoKeys) {
    }
}
