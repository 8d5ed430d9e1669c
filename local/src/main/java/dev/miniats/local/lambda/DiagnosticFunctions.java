package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.PermanentFailure;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Built-in functions for learning and testing routing without sending mail: target them with
 * {@code arn:aws:lambda:us-east-1:000000000000:function:<name>}. What a function returned is kept
 * with its delivery ({@code GET /_ats/events/{id}}), so {@code ats-echo} shows exactly what a
 * target received (after InputPath or InputTransformer).
 */
public final class DiagnosticFunctions {
    static final String ECHO = "ats-echo";
    static final String NOOP = "ats-noop";
    static final String FAIL = "ats-fail";
    static final String REJECT = "ats-reject";
    static final String SLEEP = "ats-sleep";
    public static final String RECORD = "ats-record";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DiagnosticFunctions() {
    }

    static Map<String, RequestStreamHandler> all() {
        return Map.of(
                ECHO, (in, out, context) -> in.transferTo(out),
                NOOP, (in, out, context) -> out.write(new byte[]{'{', '}'}),
                FAIL, (in, out, context) -> {
                    throw new DiagnosticFailure("ats-fail always fails (retryable)");
                },
                REJECT, (in, out, context) -> {
                    throw new DiagnosticRejection("ats-reject always fails (permanent)");
                },
                SLEEP, (in, out, context) -> {
                    JsonNode input = JSON.readTree(in);
                    long millis = input.path("sleepMillis").asLong(input.path("detail").path("sleepMillis").asLong(0));
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while sleeping", e);
                    }
                    out.write(new byte[]{'{', '}'});
                });
    }

    /**
     * {@code ats-record}: appends one line per invocation, {@code {"id": <the event's id>}}, to
     * {@code file}. The line is written before the invocation returns, so it survives the
     * process being killed right after, which is how a durability test counts duplicate deliveries.
     */
    public static RequestStreamHandler recorder(Path file) {
        Object lock = new Object();
        return (in, out, context) -> {
            JsonNode input = JSON.readTree(in);
            ObjectNode line = JSON.createObjectNode();
            line.put("id", input.path("id").asText());
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (lock) {
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            out.write(new byte[]{'{', '}'});
        };
    }

    /** Thrown by {@code ats-fail} on every invocation; retryable, so the target's retry policy runs. */
    static final class DiagnosticFailure extends RuntimeException {
        DiagnosticFailure(String message) {
            super(message);
        }
    }

    /** Thrown by {@code ats-reject} on every invocation; permanent, so the event is dead-lettered at once. */
    static final class DiagnosticRejection extends RuntimeException implements PermanentFailure {
        DiagnosticRejection(String message) {
            super(message);
        }
    }
}
