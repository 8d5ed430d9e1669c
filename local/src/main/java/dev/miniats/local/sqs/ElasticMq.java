package dev.miniats.local.sqs;

import dev.miniats.local.aws.Ports;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.ElasticMQError;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.msg.CreateQueue;
import org.elasticmq.msg.RestoreMessages;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * ElasticMQ's SQS server in this JVM on a free loopback port. Queue URLs it hands out name the
 * runtime's endpoint ({@code publicEndpoint}), where the runtime forwards them back to it. Its
 * queues and messages are kept in the {@link QueueStore} and put back when it starts, the way
 * ElasticMQ's own server restores its {@code messages-storage}.
 */
final class ElasticMq implements AutoCloseable {
    private static final java.time.Duration ASK = java.time.Duration.ofSeconds(30);

    private final ActorSystem system;
    private final SQSRestServer server;
    private final int port;

    private ElasticMq(ActorSystem system, SQSRestServer server, int port) {
        this.system = system;
        this.server = server;
        this.port = port;
    }

    static ElasticMq start(URI publicEndpoint, String region, String account, QueueStore store) {
        int port = Ports.reserve("127.0.0.1", 0);
        ActorSystem system = ActorSystem.create("elasticmq");
        try {
            ActorRef listener = system.actorOf(Props.create(QueuePersistence.class, () -> new QueuePersistence(store)));
            ActorRef manager = system.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(listener))));
            restore(store, manager);
            SQSRestServer server = SQSRestServerBuilder
                    .withActorSystem(system)
                    .withQueueManagerActor(manager)
                    .withQueueEventListener(listener)
                    .withInterface("127.0.0.1")
                    .withPort(port)
                    .withServerAddress(new NodeAddress(publicEndpoint.getScheme(), publicEndpoint.getHost(), publicEndpoint.getPort(), ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(account)
                    .start();
            server.waitUntilStarted();
            return new ElasticMq(system, server, port);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /** Creates each stored queue, then hands it its stored messages (ElasticMQ's {@code RestoreMessages}). */
    private static void restore(QueueStore store, ActorRef manager) {
        for (CreateQueueMetadata queue : store.queues()) {
            Either<?, ?> created = (Either<?, ?>) ask(manager, new CreateQueue(queue.toCreateQueueData()));
            if (created.isLeft()) {
                throw new IllegalStateException("Cannot restore SQS queue " + queue.name() + ": "
                        + ((ElasticMQError) created.left().get()).message());
            }
            List<InternalMessage> messages = store.messages(queue.name());
            if (!messages.isEmpty()) {
                ask((ActorRef) created.right().get(), new RestoreMessages(CollectionConverters.asScala(messages).toList()));
            }
        }
    }

    private static Object ask(ActorRef actor, Object message) {
        try {
            return Patterns.ask(actor, message, ASK).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("ElasticMQ did not restore its queues: " + e.getCause(), e.getCause());
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        try {
            Await.result(server.stopAndGetFuture().apply(), Duration.create(30, TimeUnit.SECONDS));
        } finally {
            Await.result(system.terminate(), Duration.create(30, TimeUnit.SECONDS));
        }
    }
}
