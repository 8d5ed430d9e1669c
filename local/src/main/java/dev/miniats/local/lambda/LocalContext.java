package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.miniats.functions.TracedContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's {@link Context} for one local invocation. Its logger keeps the lines for the
 * invocation's record (up to {@link #MAX_LOG_BYTES}; later lines are dropped and the record says
 * so) and forwards them to slf4j. Not shared between invocations; the logger is thread-safe.
 */
public final class LocalContext implements Context, TracedContext {
    /** What one invocation's record keeps of its log; CloudWatch keeps more, but a console page need not. */
    public static final int MAX_LOG_BYTES = 256 * 1024;

    private final List<Invocation.LogLine> lines = new ArrayList<>();
    private int logBytes;
    private boolean truncated;
    private boolean sealed;
    private final String requestId;
    private final String functionName;
    private final String arn;
    private final int memoryMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;
    private final String traceHeader;
    private final String logStream;

    LocalContext(String requestId, String functionName, String arn, int memoryMb, long deadlineMillis, String traceHeader) {
        this.traceHeader = traceHeader;
        this.requestId = requestId;
        this.functionName = functionName;
        this.arn = arn;
        this.memoryMb = memoryMb;
        this.deadlineMillis = deadlineMillis;
        this.logStream = Invocation.logStream(functionName, System.currentTimeMillis());
        Logger log = LoggerFactory.getLogger("function." + functionName);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                String line = message.strip();
                log.info("{} {}", requestId, line);
                keep(line);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    /** The stream the runtime's CloudWatch Logs API serves this invocation's lines from. */
    public String getLogStreamName() {
        return logStream;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return arn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private synchronized void keep(String line) {
        if (sealed) {
            return;
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (truncated || logBytes + bytes > MAX_LOG_BYTES) {
            truncated = true;
            return;
        }
        logBytes += bytes;
        lines.add(new Invocation.LogLine(System.currentTimeMillis(), line));
    }

    /** Adds a line the runtime itself logs for the invocation (as Lambda logs a function's error). */
    synchronized void runtimeLine(String line) {
        lines.add(new Invocation.LogLine(System.currentTimeMillis(), line));
    }

    /** The lines kept so far; later ones (a timed-out handler still running) are not kept. */
    synchronized List<Invocation.LogLine> seal() {
        sealed = true;
        return List.copyOf(lines);
    }

    synchronized boolean truncated() {
        return truncated;
    }

    /**
     * The invocation's X-Ray trace header, which Lambda's Java runtime exposes as the
     * {@code com.amazonaws.xray.traceHeader} system property; handlers here share one JVM and run
     * concurrently, so the local runtime hands it over on the context instead. May be null.
     */
    @Override
    public String getXrayTraceHeader() {
        return traceHeader;
    }
}
