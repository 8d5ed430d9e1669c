package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training run's rehearsal goes through the whole workshop for real: if an event it puts were
 * refused or dead-lettered, {@code ./ats} would record its class-data archive from less than it
 * claims, silently (the training run's output goes nowhere).
 */
@Tag("e2e")
class RehearsalTest {
    @TempDir
    Path dataDir;

    @Test
    void every_event_type_is_delivered_and_every_mail_reaches_its_mailbox() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build())) {
            int adasMails = new Rehearsal(runtime).run();

            // the assessment, the invite, its move and its cancellation, then SES v2's own mail
            assertThat(adasMails).isEqualTo(5);
            Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
            assertThat(mailbox.inbox("grace@example.com")).extracting(Mailbox.Mail::raw)
                    .singleElement().asString().contains("application/pdf");
            assertThat(mailbox.inbox("linus@example.com")).hasSize(1);
            assertThat(mailbox.inbox("edsger@example.com")).as("the offer letter invoked through the Lambda API").hasSize(1);
            assertThat(mailbox.inbox("barbara@example.com")).as("a partner's candidate gets no mail").isEmpty();
            assertThat(runtime.eventLog().dead(10)).isEmpty();
            HttpResponse<String> roster = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(runtime.endpoint() + "/_ats/roster?company=Insight%20Partners")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper().readTree(roster.body()).path("days")).as("the partner's candidate is on the roster")
                    .singleElement().extracting(JsonNode::asInt).isEqualTo(1);
        }
    }
}
