package dev.miniats.functions.internal;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One {@link Dynalite} server per test class: started before its first test, stopped after its
 * last. Register it as {@code @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();}
 * and make a fresh table per test with {@link #createTable}. Not thread-safe; JUnit calls it from one thread.
 */
public final class DynaliteExtension implements BeforeAllCallback, AfterAllCallback {
    private Dynalite dynalite;

    @Override
    public void beforeAll(ExtensionContext context) {
        dynalite = Dynalite.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dynalite != null) {
            dynalite.close();
            dynalite = null;
        }
    }

    public DynamoDbClient client() {
        return started().client();
    }

    /** Creates a new, empty table with string keys {@code partitionKey} and optional {@code sortKey}; returns its name. */
    public String createTable(String partitionKey, String sortKey) {
        return started().createTable(partitionKey, sortKey);
    }

    private Dynalite started() {
        if (dynalite == null) {
            throw new IllegalStateException("dynalite is not running; register DynaliteExtension as a static @RegisterExtension field");
        }
        return dynalite;
    }
}
