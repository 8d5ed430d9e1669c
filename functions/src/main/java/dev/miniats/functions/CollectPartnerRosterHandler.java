package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.roster.RosterEntry;
import dev.miniats.core.roster.RosterStore;

import java.util.EnumSet;

/**
 * {@code collect-partner-roster}: puts a partner company's candidate on the roster of their
 * on-site testing day ({@code detail.partner.testingDay}, default seven days after the event).
 * Sends no email: partners run their own process. Recording is idempotent per candidate and day.
 */
public final class CollectPartnerRosterHandler extends HiringHandler {
    private final RosterStore roster;

    /** Lambda's entry point: configuration from the environment. */
    public CollectPartnerRosterHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public CollectPartnerRosterHandler(FunctionEnvironment environment) {
        super(environment, EnumSet.allOf(DetailType.class));
        this.roster = environment.stores().roster();
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        var detail = event.detail();
        RosterEntry entry = new RosterEntry(detail.companyName(), detail.partner().testingDay(), detail.candidateId(),
                detail.candidateName(), eventId(event, context), event.time());
        roster.record(entry);
        log.info("roster entry recorded", "companyName", entry.companyName(), "testingDay", entry.testingDay().toString());
        ObjectNode result = JSON.createObjectNode();
        result.put("candidateId", entry.candidateId());
        result.put("eventId", entry.eventId());
        result.put("companyName", entry.companyName());
        result.put("testingDay", entry.testingDay().toString());
        return result;
    }
}
