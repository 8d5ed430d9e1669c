package dev.miniats.local;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.lambda.FunctionError;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.s3.S3;
import dev.miniats.local.ses.ReceiptTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * SES receipt actions' targets in this runtime: its S3 (s3proxy) and its functions. An Event
 * invocation runs on its own thread, as SES does not wait for it; its failure is logged (on AWS it
 * goes to the function's asynchronous retries). Thread-safe.
 */
final class LocalReceiptTargets implements ReceiptTargets, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalReceiptTargets.class);
    private final S3 s3;
    private final FunctionRegistry functions;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ses-receipt-lambda-events");
        t.setDaemon(true);
        return t;
    });

    LocalReceiptTargets(S3 s3, FunctionRegistry functions) {
        this.s3 = s3;
        this.functions = functions;
    }

    @Override
    public boolean bucketExists(String bucket) {
        try {
            s3.requireBucket(bucket);
            return true;
        } catch (AwsException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void putObject(String bucket, String key, byte[] content) {
        s3.putObject(bucket, key, content);
    }

    @Override
    public boolean functionExists(String functionArn) {
        return functions.exists(name(functionArn));
    }

    @Override
    public byte[] invoke(String functionArn, String invocationType, byte[] payload) {
        if (!"Event".equals(invocationType)) {
            return functions.invoke(name(functionArn), qualifier(functionArn), payload, null, invocation -> { });
        }
        events.execute(() -> {
            try {
                functions.invoke(name(functionArn), qualifier(functionArn), payload, null, invocation -> { });
            } catch (FunctionError e) {
                LOG.warn("SES receipt rule's Event invocation of {} failed: {} {}", functionArn, e.errorType(), e.getMessage());
            }
        });
        return null;
    }

    /** {@code arn:aws:lambda:region:account:function:name[:qualifier]}, or a bare name. */
    private static String name(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length >= 7 ? parts[6] : functionArn;
    }

    private static String qualifier(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length >= 8 ? parts[7] : null;
    }

    @Override
    public void close() throws InterruptedException {
        events.shutdown();
        events.awaitTermination(10, TimeUnit.SECONDS);
    }
}
