package dev.miniats.local.sqs;

import dev.miniats.local.aws.Ports;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

import java.net.URI;

/**
 * ElasticMQ's SQS server in this JVM on a free loopback port. Queue URLs it hands out name the
 * runtime's endpoint ({@code publicEndpoint}), where the runtime forwards them back to it.
 */
final class ElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static ElasticMq start(URI publicEndpoint, String region, String account) {
        int port = Ports.reserve("127.0.0.1", 0);
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress(publicEndpoint.getScheme(), publicEndpoint.getHost(), publicEndpoint.getPort(), ""))
                .withAWSRegion(region)
                .withAWSAccountId(account)
                .start();
        server.waitUntilStarted();
        return new ElasticMq(server, port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        Await.result(server.stopAndGetFuture().apply(), Duration.create(30, "seconds"));
    }
}
