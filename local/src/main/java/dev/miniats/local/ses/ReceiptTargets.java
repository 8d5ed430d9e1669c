package dev.miniats.local.ses;

/**
 * Where receipt rule actions act: the runtime's S3 and Lambda. A port, so SES does not depend on
 * those services; implementations are thread-safe.
 */
public interface ReceiptTargets {
    boolean bucketExists(String bucket);

    /** Stores an object; throws with the backend's reason when it cannot. */
    void putObject(String bucket, String key, byte[] content);

    boolean functionExists(String functionArn);

    /**
     * Invokes a function with {@code payload}; answers what it returned (RequestResponse) or null
     * (Event, queued without waiting). Throws with the function's error when it fails.
     */
    byte[] invoke(String functionArn, String invocationType, byte[] payload);
}
