package dev.miniats.local;

import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.PutEventsEntry;
import dev.miniats.local.iam.Iam;
import dev.miniats.local.lambda.AsyncDestinations;
import dev.miniats.local.lambda.ExecutionRoles;
import dev.miniats.local.sqs.Sqs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What user Lambda functions get from the rest of the runtime: IAM's roles, SQS and the buses, a cache directory. */
final class LambdaWiring {
    private LambdaWiring() {
    }

    /** Lambda's execution roles are IAM's roles; a function's environment gets a fresh session of its role. */
    static ExecutionRoles executionRoles(Iam iam) {
        return new ExecutionRoles() {
            @Override
            public boolean exists(String roleArn) {
                return iam.roleExists(roleArn);
            }

            @Override
            public Credentials credentialsFor(String roleArn, String functionName) {
                Iam.Credentials c = iam.credentialsFor(roleArn, functionName);
                return new Credentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
            }

            @Override
            public boolean enforced() {
                return iam.enforce();
            }
        };
    }

    /** Lambda's asynchronous invocations report to the runtime's SQS queues and event buses. */
    static AsyncDestinations asyncDestinations(Sqs sqs, EventBus bus) {
        return new AsyncDestinations() {
            @Override
            public void sendToQueue(String queueArn, String body, Map<String, String> attributes) {
                sqs.sendMessage(queueArn, body, attributes);
            }

            @Override
            public void putEvent(String busArn, String source, String detailType, String detail, List<String> resources) {
                String busName = busArn.substring(busArn.indexOf("event-bus/") + "event-bus/".length());
                var result = bus.put(List.of(new PutEventsEntry(source, detailType, detail, busName, null, resources, null)), null).get(0);
                if (result.errorCode() != null) {
                    throw new AsyncDestinations.DestinationException(result.errorCode() + ": " + result.errorMessage());
                }
            }
        };
    }

    /** Where user functions' runtimes keep what they install once (the Node.js SDK, the Java RIC): shared by data directories. */
    static Path cacheDir() {
        String dir = System.getenv("ATS_LAMBDA_CACHE");
        return dir != null ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "mini-ats", "lambda");
    }
}
