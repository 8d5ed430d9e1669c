package dev.miniats.local.cloudformation;

import dev.miniats.local.dynamodb.DynamoDb;
import dev.miniats.local.events.Archives;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.s3.S3;
import dev.miniats.local.sqs.Sqs;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The services stacks make storage, archives and custom resources in, and where custom
 * resources' functions reach the runtime ({@code endpoint}, for their pre-signed ResponseURL).
 * {@code customResourceTimeout} is how long a custom resource's response is waited for (AWS:
 * one hour).
 */
public record StackBackends(S3 s3, Sqs sqs, DynamoDb dynamoDb, Archives archives, FunctionRegistry functions,
                            Supplier<URI> endpoint, Duration customResourceTimeout) {
    public StackBackends {
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(archives, "archives");
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(endpoint, "endpoint");
        if (customResourceTimeout == null || customResourceTimeout.isNegative() || customResourceTimeout.isZero()) {
            throw new IllegalArgumentException("customResourceTimeout is " + customResourceTimeout + "; expected a positive duration");
        }
    }
}
