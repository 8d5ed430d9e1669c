package dev.miniats.functions.internal;

import dev.miniats.core.calendar.InvitedInterviews;
import dev.miniats.core.calendar.InvitedInterviewsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

/** DynamoDbInvitedInterviews against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbInvitedInterviewsTest extends InvitedInterviewsContract {
    @RegisterExtension
    static final DynaliteExtension DYNALITE = new DynaliteExtension();

    @Override
    protected InvitedInterviews newStore() {
        return new DynamoDbInvitedInterviews(DYNALITE.client(), DYNALITE.createTable("id", null), Clock.systemUTC());
    }
}
