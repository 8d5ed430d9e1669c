import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One Lambda cold start, as the Java runtime does it: load the handler class from the shaded
 * jar, run its no-arg constructor (configuration from the environment: the init phase), invoke
 * it once. Prints JVM start → init done → invocation done, in milliseconds.
 * Usage: java -cp functions-lambda.jar:. ColdStart dev.miniats.functions.SendAssessmentHandler '{"toEmail":...}'
 */
public final class ColdStart {
    public static void main(String[] args) throws Exception {
        long initStart = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        long initDone = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(args[1].getBytes(StandardCharsets.UTF_8)), out, new MinimalContext());
        long invokeDone = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        long uptimeAtInitStart = sinceJvmStart - (invokeDone - initStart) / 1_000_000;
        System.out.printf("jvm-to-init-start=%d init=%d invoke=%d total=%d result=%s%n", uptimeAtInitStart,
                (initDone - initStart) / 1_000_000, (invokeDone - initDone) / 1_000_000, sinceJvmStart,
                out.toString(StandardCharsets.UTF_8));
    }

    private static final class MinimalContext implements Context {
        public String getAwsRequestId() { return "cold-start"; }
        public String getLogGroupName() { return "/aws/lambda/cold-start"; }
        public String getLogStreamName() { return "cold-start"; }
        public String getFunctionName() { return "cold-start"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:cold-start"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 30_000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.err.println(message); }
                public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
