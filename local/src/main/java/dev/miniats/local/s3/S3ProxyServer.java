package dev.miniats.local.s3;

import dev.miniats.local.backends.BackendUnavailableException;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * s3proxy in this JVM (its Jetty is shaded, so it does not meet Javalin's) on a free loopback
 * port, its buckets as directories under {@code dataDir}. Authorization is off: it listens on
 * loopback only, behind the runtime, which does not verify signatures for any service either.
 */
final class S3ProxyServer implements AutoCloseable {
    private final S3Proxy proxy;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static S3ProxyServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            return new S3ProxyServer(proxy);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot create the S3 data directory " + dataDir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while starting S3 (s3proxy)");
        } catch (Exception e) {
            throw new BackendUnavailableException("S3 (s3proxy) could not start: " + e.getMessage());
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
