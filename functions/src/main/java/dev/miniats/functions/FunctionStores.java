package dev.miniats.functions;

import dev.miniats.core.calendar.InMemoryInterviewStore;
import dev.miniats.core.calendar.InMemoryInvitedInterviews;
import dev.miniats.core.calendar.InterviewStore;
import dev.miniats.core.calendar.InvitedInterviews;
import dev.miniats.core.idempotency.IdempotencyStore;
import dev.miniats.core.idempotency.InMemoryIdempotencyStore;
import dev.miniats.core.pipeline.InMemoryPipelineStore;
import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.roster.InMemoryRosterStore;
import dev.miniats.core.roster.RosterStore;

import java.util.Objects;

/**
 * The state the hiring functions keep: DynamoDB tables on AWS, SQLite locally.
 *
 * @param idempotency one record per effect (email sent), see {@code HiringIdempotencyKeys}
 * @param interviews  each interview's invite SEQUENCE
 * @param pipeline    each candidate's stage history
 * @param roster      partner companies' testing-day rosters
 * @param invited     each interview's latest invite and the calendar answers published, for the calendar-reply function
 */
public record FunctionStores(IdempotencyStore idempotency, InterviewStore interviews, PipelineStore pipeline, RosterStore roster,
                             InvitedInterviews invited) {
    public FunctionStores {
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(interviews, "interviews");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(invited, "invited");
    }

    /**
     * Stores that keep no invites, for a runtime that matches calendar replies otherwise: the
     * local runtime finds the interview a reply names in its event log.
     */
    public FunctionStores(IdempotencyStore idempotency, InterviewStore interviews, PipelineStore pipeline, RosterStore roster) {
        this(idempotency, interviews, pipeline, roster, InvitedInterviews.NONE);
    }

    /** Stores in this process's memory: lost on restart, so only for tests and throwaway runs. */
    public static FunctionStores inMemory() {
        return new FunctionStores(new InMemoryIdempotencyStore(), new InMemoryInterviewStore(),
                new InMemoryPipelineStore(), new InMemoryRosterStore(), new InMemoryInvitedInterviews());
    }
}
