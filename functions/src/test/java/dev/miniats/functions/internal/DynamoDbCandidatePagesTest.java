package dev.miniats.functions.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.functions.pages.AnswerStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The candidate pages' DynamoDB table against a real DynamoDB-compatible server (dynalite). */
class DynamoDbCandidatePagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final DynaliteExtension DYNALITE = new DynaliteExtension();
    private DynamoDbCandidatePages store;

    @BeforeEach
    void newTable() {
        store = new DynamoDbCandidatePages(DYNALITE.client(), DYNALITE.createTable("id", null), Clock.systemUTC());
    }

    @Test
    void the_first_answer_claims_and_a_second_reads_it_back_with_its_event() {
        assertThat(store.claim("ada@example.com", "offer", "event-1", "offer-accepted")).isEmpty();
        store.published("ada@example.com", "offer", "event-1", "answer-1");

        assertThat(store.claim("ada@example.com", "offer", "event-1", "offer-declined"))
                .contains(new AnswerStore.Answer("offer-accepted", "answer-1"));
        assertThat(store.claim("ada@example.com", "offer", "event-2", "offer-declined")).isEmpty();
    }

    @Test
    void a_released_claim_can_be_claimed_again() {
        assertThat(store.claim("ada@example.com", "assessment", "event-1", "assessment-completed")).isEmpty();
        store.release("ada@example.com", "assessment", "event-1");

        assertThat(store.claim("ada@example.com", "assessment", "event-1", "assessment-completed")).isEmpty();
    }

    @Test
    void a_remembered_asking_event_is_found_and_a_redelivery_keeps_the_first_copy() throws Exception {
        store.remember("event-1", (ObjectNode) JSON.readTree("{\"toEmail\":\"ada@example.com\",\"companyName\":\"Acme\"}"));
        store.remember("event-1", (ObjectNode) JSON.readTree("{\"toEmail\":\"other@example.com\"}"));

        assertThat(store.detail("event-1")).get().extracting(d -> d.path("companyName").asText()).isEqualTo("Acme");
        assertThat(store.detail("event-unknown")).isEmpty();
    }
}
