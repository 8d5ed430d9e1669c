package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** Lambda's {@link Context} for one local invocation. Not shared between invocations. */
public final class LocalContext implements Context {
    private final String requestId;
    private final String functionName;
    private final String arn;
    private final int memoryMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;
    private final String traceHeader;

    LocalContext(String requestId, String functionName, String arn, int memoryMb, long deadlineMillis, String traceHeader) {
        this.traceHeader = traceHeader;
        this.requestId = requestId;
        this.functionName = functionName;
        this.arn = arn;
        this.memoryMb = memoryMb;
        this.deadlineMillis = deadlineMillis;
        Logger log = LoggerFactory.getLogger("function." + functionName);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.info("{} {}", requestId, message.strip());
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
    public String getLogStreamName() {
        return "local/" + functionName;
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

    /**
     * The invocation's X-Ray trace header, which Lambda's Java runtime exposes as the
     * {@code com.amazonaws.xray.traceHeader} system property; handlers here share one JVM and run
     * concurrently, so the local runtime hands it over on the context instead. May be null.
     */
    public String getXrayTraceHeader() {
        return traceHeader;
    }
}
