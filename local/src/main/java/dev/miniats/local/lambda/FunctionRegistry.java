package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.functions.HiringFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local Lambda service: one handler instance per function, built once (the cold start) and
 * invoked in-process with a Lambda {@code Context}. Thread-safe; handlers are called concurrently.
 */
public final class FunctionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionRegistry.class);
    public static final int MEMORY_MB = 1024;
    public static final long TIMEOUT_MILLIS = 30_000;

    private final Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
    private final String account;
    private final String region;

    public FunctionRegistry(FunctionEnvironment environment, String account, String region) {
        this.account = account;
        this.region = region;
        for (HiringFunction function : HiringFunction.values()) {
            handlers.put(function.functionName(), function.create(environment));
        }
    }

    public Collection<String> names() {
        return handlers.keySet();
    }

    public boolean exists(String name) {
        return handlers.containsKey(name);
    }

    public String arn(String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    public Optional<HiringFunction> describe(String name) {
        return HiringFunction.named(name);
    }

    /**
     * Invokes {@code name} with {@code payload}; returns the function's output.
     *
     * @throws FunctionError when the function throws or does not exist
     */
    public byte[] invoke(String name, byte[] payload) {
        RequestStreamHandler handler = handlers.get(name);
        if (handler == null) {
            throw new FunctionError("ResourceNotFoundException", "Function not found: " + arn(name), false, null);
        }
        String requestId = UUID.randomUUID().toString();
        LocalContext context = new LocalContext(requestId, name, arn(name), MEMORY_MB, System.currentTimeMillis() + TIMEOUT_MILLIS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, context);
            LOG.info("{} {} succeeded in {} ms", name, requestId, (System.nanoTime() - started) / 1_000_000);
            return out.toByteArray();
        } catch (Exception | LinkageError e) {
            FunctionError error = FunctionError.from(e);
            LOG.warn("{} {} failed in {} ms: {}: {}", name, requestId, (System.nanoTime() - started) / 1_000_000,
                    error.errorType(), error.getMessage());
            throw error;
        }
    }
}
