package dev.miniats.local.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda Runtime API of one execution environment
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html), on its own loopback port so the
 * process's {@code AWS_LAMBDA_RUNTIME_API} names exactly its environment: {@code invocation/next},
 * {@code invocation/{id}/response}, {@code invocation/{id}/error} and {@code init/error}, with the
 * {@code Lambda-Runtime-*} headers. The JDK's HTTP server, not Javalin: one starts in about a
 * millisecond, which an environment's cold start can afford. Thread-safe.
 */
final class RuntimeApiServer implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime/";
    /**
     * Our own header on a response or error: how many bytes the runtime process has written to its stdout
     * and stderr so far. Our bootstraps send it so the invocation's last log lines are known to be read
     * the moment they are; a runtime that does not send it is drained by watching the readers instead.
     */
    static final String OUTPUT_BYTES = "Ats-Output-Bytes";
    /** Lambda's synchronous response quota: 6 MB. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    /** What the environment does with the runtime's calls. */
    interface Listener {
        /** Blocks until the next invocation; null when the environment is shutting down. */
        InvokeRequest next() throws InterruptedException;

        /** Epoch milliseconds at which the invocation {@link #next} handed out times out. */
        long deadlineMillis();

        /**
         * False when {@code requestId} is not the invocation in progress.
         *
         * @param outputBytes what the process wrote to stdout and stderr before answering ({@link #OUTPUT_BYTES}), or -1
         */
        boolean response(String requestId, byte[] body, long outputBytes);

        boolean error(String requestId, String errorType, byte[] body, long outputBytes);

        void initError(String errorType, byte[] body);
    }

    static {
        // The JDK server writes a response's headers and body apart; with Nagle on, the body waits for the
        // client's delayed ACK (40 ms) on every call. Read once, when the server's configuration loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final Listener listener;

    /**
     * Calls are handled on the server's own dispatcher thread (no executor): a runtime makes one call at a
     * time, so handing each to another thread only added a thread wake-up to every invocation. The
     * long-poll {@code next} blocks that thread; {@link Listener#next} returns when the environment stops.
     */
    RuntimeApiServer(Listener listener) throws IOException {
        this.listener = listener;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                listener.initError(errorType(exchange), read(exchange, MAX_RESPONSE_BYTES));
                answer(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                String id = path.substring("invocation/".length(), path.length() - "/response".length());
                byte[] body = read(exchange, MAX_RESPONSE_BYTES);
                boolean known = body == null
                        ? listener.error(id, "Function.ResponseSizeTooLarge", tooLarge(), outputBytes(exchange))
                        : listener.response(id, body, outputBytes(exchange));
                if (body == null) {
                    answer(exchange, 413, "{\"errorMessage\":\"Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES
                            + " bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
                } else {
                    answerAccepted(exchange, known, id);
                }
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                String id = path.substring("invocation/".length(), path.length() - "/error".length());
                byte[] body = read(exchange, MAX_RESPONSE_BYTES);
                answerAccepted(exchange, listener.error(id, errorType(exchange), body == null ? new byte[0] : body,
                        outputBytes(exchange)), id);
            } else {
                answer(exchange, 404, "{\"errorMessage\":\"Unknown Runtime API path: " + method + " " + PREFIX
                        .replace("\"", "") + path.replace("\"", "") + "\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        InvokeRequest request;
        try {
            request = listener.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request = null;
        }
        if (request == null) {
            answer(exchange, 503, "{\"errorMessage\":\"The execution environment is shutting down\",\"errorType\":\"ShuttingDown\"}");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", request.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(listener.deadlineMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", request.invokedFunctionArn());
        if (request.traceId() != null) {
            headers.set("Lambda-Runtime-Trace-Id", request.traceId());
        }
        exchange.sendResponseHeaders(200, request.payload().length == 0 ? -1 : request.payload().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(request.payload());
        }
    }

    private static void answerAccepted(HttpExchange exchange, boolean known, String id) throws IOException {
        if (known) {
            answer(exchange, 202, "{\"status\":\"OK\"}");
        } else {
            answer(exchange, 400, "{\"errorMessage\":\"Invalid request ID: " + id.replace("\"", "")
                    + "\",\"errorType\":\"InvalidRequestID\"}");
        }
    }

    private static byte[] tooLarge() {
        return ("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES
                + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? "Unhandled" : type;
    }

    private static long outputBytes(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst(OUTPUT_BYTES);
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(value);
    }

    /** The body, or null when it is larger than {@code limit}. */
    private static byte[] read(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return body;
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
