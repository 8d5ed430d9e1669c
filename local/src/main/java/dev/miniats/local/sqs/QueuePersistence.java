package dev.miniats.local.sqs;

import org.apache.pekko.actor.AbstractActor;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;

/**
 * ElasticMQ's queue-event listener: every change to a queue or a message is written to the
 * {@link QueueStore} before ElasticMQ answers the request that made it (it waits for the reply to
 * message events), so an acknowledged SendMessage survives a restart. Confined to its actor.
 */
final class QueuePersistence extends AbstractActor {
    private final QueueStore store;

    QueuePersistence(QueueStore store) {
        this.store = store;
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(QueueEvent.QueueCreated.class, e -> store.saveQueue(CreateQueueMetadata.from(e.queue())))
                .match(QueueEvent.QueueMetadataUpdated.class, e -> store.saveQueue(CreateQueueMetadata.from(e.queue())))
                .match(QueueEvent.QueueDeleted.class, e -> store.deleteQueue(e.queueName()))
                .match(QueueEvent.MessageAdded.class, e -> {
                    store.saveMessage(e.queueName(), e.message());
                    done();
                })
                .match(QueueEvent.MessageUpdated.class, e -> {
                    store.saveMessage(e.queueName(), e.message());
                    done();
                })
                .match(QueueEvent.MessageRemoved.class, e -> {
                    store.deleteMessage(e.queueName(), e.messageId());
                    done();
                })
                .build();
    }

    private void done() {
        getSender().tell(OperationSuccessful$.MODULE$, getSelf());
    }
}
