package dev.miniats.functions.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.link.CandidateAction;
import dev.miniats.core.link.LinkClaims;
import dev.miniats.core.link.LinkSigner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candidate pages function as a Lambda function URL calls it: payload format 2.0 in,
 * {@code statusCode}/{@code headers}/{@code cookies}/{@code body} out.
 */
class CandidatePagesHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LinkSigner signer = new LinkSigner(SECRET, clock);
    private final MapStores stores = new MapStores();
    private final List<String> published = new ArrayList<>();
    private final CandidatePagesHandler handler = new CandidatePagesHandler(new PagesEnvironment(clock, signer, stores, stores,
            (type, detail) -> {
                published.add(type + " " + detail);
                return Optional.of("answer-" + published.size());
            }));

    /** Answers and asking events in maps: the adapters' own tests hold the real stores to the same behaviour. */
    static final class MapStores implements AnswerStore, AskedEvents {
        final Map<String, AnswerStore.Answer> answers = new ConcurrentHashMap<>();
        final Map<String, ObjectNode> asked = new ConcurrentHashMap<>();

        @Override
        public Optional<Answer> claim(String candidateId, String topic, String askedBy, String detailType) {
            return Optional.ofNullable(answers.putIfAbsent(candidateId + "/" + topic + "/" + askedBy, new Answer(detailType, null)));
        }

        @Override
        public void published(String candidateId, String topic, String askedBy, String eventId) {
            answers.computeIfPresent(candidateId + "/" + topic + "/" + askedBy, (k, a) -> new Answer(a.detailType(), eventId));
        }

        @Override
        public void release(String candidateId, String topic, String askedBy) {
            answers.remove(candidateId + "/" + topic + "/" + askedBy);
        }

        @Override
        public Optional<ObjectNode> detail(String eventId) {
            return Optional.ofNullable(asked.get(eventId));
        }

        @Override
        public void remember(String eventId, ObjectNode detail) {
            asked.putIfAbsent(eventId, detail);
        }
    }

    private JsonNode invoke(String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private JsonNode http(String method, String rawPath, String query, List<String> cookies, String body) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", query);
        cookies.forEach(event.withArray("cookies")::add);
        event.putObject("requestContext").putObject("http").put("method", method);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return invoke(event.toString());
    }

    private void askingEventArrives(String eventId) throws Exception {
        invoke("{\"id\":\"" + eventId + "\",\"source\":\"mini-ats\",\"detail-type\":\"send-offer-letter\",\"detail\":"
                + "{\"toEmail\":\"ada@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme & Co\"}}");
    }

    private String token(String candidate, CandidateAction action, String eventId, Instant expires) {
        return signer.sign(new LinkClaims(candidate, action, eventId, expires));
    }

    private static String csrfOf(JsonNode response) {
        Matcher m = Pattern.compile("ats_candidate_csrf=([A-Za-z0-9_-]{43})").matcher(response.path("cookies").get(0).asText());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void opening_an_offer_link_shows_the_question_escaped_with_a_csrf_cookie() throws Exception {
        askingEventArrives("event-1");
        String token = token("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-1", NOW.plus(Duration.ofDays(1)));

        JsonNode page = http("GET", "/candidate/offer-accept/ada%40example.com", "token=" + token, List.of(), "");

        assertThat(page.path("statusCode").asInt()).isEqualTo(200);
        assertThat(page.at("/headers/Content-Security-Policy").asText()).contains("default-src 'none'");
        assertThat(page.path("body").asText()).contains("Accept the offer from Acme &amp; Co").doesNotContain("Acme & Co");
        assertThat(page.path("cookies").get(0).asText()).contains("HttpOnly", "SameSite=Lax");
    }

    @Test
    void accepting_publishes_once_and_a_second_click_says_it_was_already_recorded() throws Exception {
        askingEventArrives("event-1");
        String token = token("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-1", NOW.plus(Duration.ofDays(1)));
        String csrf = csrfOf(http("GET", "/candidate/offer-accept/ada%40example.com", "token=" + token, List.of(), ""));
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&csrf=" + csrf;

        JsonNode first = http("POST", "/candidate/offer-accept/ada%40example.com", "", List.of("ats_candidate_csrf=" + csrf), form);
        JsonNode second = http("POST", "/candidate/offer-accept/ada%40example.com", "", List.of("ats_candidate_csrf=" + csrf), form);

        assertThat(first.path("statusCode").asInt()).isEqualTo(200);
        assertThat(first.path("body").asText()).contains("Thank you", "answer-1");
        assertThat(second.path("body").asText()).contains("Already recorded", "that you accepted the offer", "answer-1");
        assertThat(published).hasSize(1);
        JsonNode detail = JSON.readTree(published.get(0).substring("offer-accepted ".length()));
        assertThat(published.get(0)).startsWith("offer-accepted ");
        assertThat(detail.path("inReplyTo").asText()).isEqualTo("event-1");
        assertThat(detail.path("companyName").asText()).isEqualTo("Acme & Co");
    }

    @Test
    void a_post_without_the_csrf_cookie_is_refused_and_publishes_nothing() throws Exception {
        askingEventArrives("event-1");
        String token = token("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-1", NOW.plus(Duration.ofDays(1)));

        JsonNode page = http("POST", "/candidate/offer-accept/ada%40example.com", "", List.of(),
                "token=" + token + "&csrf=" + "x".repeat(43));

        assertThat(page.path("statusCode").asInt()).isEqualTo(403);
        assertThat(published).isEmpty();
    }

    @Test
    void forged_expired_and_other_candidates_tokens_are_refused_with_a_page_that_says_why() throws Exception {
        askingEventArrives("event-1");
        String expired = token("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-1", NOW.minusSeconds(1));
        String grace = token("grace@example.com", CandidateAction.ACCEPT_OFFER, "event-1", NOW.plus(Duration.ofDays(1)));
        String forged = new LinkSigner("another-secret-another-secret-xyz".getBytes(StandardCharsets.UTF_8), clock)
                .sign(new LinkClaims("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-1", NOW.plus(Duration.ofDays(1))));

        JsonNode expiredPage = http("GET", "/candidate/offer-accept/ada%40example.com", "token=" + expired, List.of(), "");
        JsonNode gracePage = http("GET", "/candidate/offer-accept/ada%40example.com", "token=" + grace, List.of(), "");
        JsonNode forgedPage = http("GET", "/candidate/offer-accept/ada%40example.com", "token=" + forged, List.of(), "");
        JsonNode garbage = http("GET", "/candidate/offer-accept/ada%40example.com", "token=%3Cscript%3E", List.of(), "");

        assertThat(expiredPage.path("statusCode").asInt()).isEqualTo(410);
        assertThat(expiredPage.path("body").asText()).contains("This link has expired");
        assertThat(gracePage.path("body").asText()).contains("belongs to another candidate");
        assertThat(forgedPage.path("statusCode").asInt()).isEqualTo(403);
        assertThat(forgedPage.path("body").asText()).contains("This link is not valid");
        assertThat(garbage.path("body").asText()).contains("incomplete or damaged").doesNotContain("<script>");
        assertThat(published).isEmpty();
    }

    @Test
    void a_link_to_an_event_the_function_never_saw_is_refused() throws Exception {
        String token = token("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-unknown", NOW.plus(Duration.ofDays(1)));

        JsonNode page = http("GET", "/candidate/offer-accept/ada%40example.com", "token=" + token, List.of(), "");

        assertThat(page.path("statusCode").asInt()).isEqualTo(404);
        assertThat(page.path("body").asText()).contains("could not find the email this link came from");
    }

    @Test
    void the_apply_form_publishes_candidate_applied_once_per_address_and_job() throws Exception {
        String csrf = csrfOf(http("GET", "/apply/Acme%20Corp/Engineer", "", List.of(), ""));
        String form = "csrf=" + csrf + "&name=Ada+Lovelace&email=ada%40example.com";

        JsonNode first = http("POST", "/apply/Acme%20Corp/Engineer", "", List.of("ats_candidate_csrf=" + csrf), form);
        JsonNode again = http("POST", "/apply/Acme%20Corp/Engineer", "", List.of("ats_candidate_csrf=" + csrf), form);
        JsonNode bad = http("POST", "/apply/Acme%20Corp/Engineer", "", List.of("ats_candidate_csrf=" + csrf),
                "csrf=" + csrf + "&name=Ada&email=not-an-address");

        assertThat(first.path("body").asText()).contains("Thank you");
        assertThat(again.path("body").asText()).contains("Already recorded");
        assertThat(bad.path("statusCode").asInt()).isEqualTo(422);
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).startsWith("candidate-applied ").contains("\"companyName\":\"Acme Corp\"", "\"candidateName\":\"Ada Lovelace\"");
    }

    @Test
    void unreadable_requests_get_a_clear_page_not_a_crash() throws Exception {
        JsonNode notJson = invoke("{not json");
        JsonNode noMethod = invoke("{\"rawPath\":\"/candidate/x/y\"}");
        JsonNode tooLarge = http("POST", "/apply/Acme/Engineer", "", List.of(), "x".repeat(PageRequest.MAX_BODY_BYTES + 1));
        JsonNode unknownPage = http("GET", "/candidate/offer-accept", "", List.of(), "");
        JsonNode badEncoding = http("GET", "/apply/Acme%ZZ/Engineer", "", List.of(), "");

        assertThat(notJson.path("statusCode").asInt()).isEqualTo(400);
        assertThat(noMethod.path("statusCode").asInt()).isEqualTo(400);
        assertThat(noMethod.path("body").asText()).contains("requestContext.http.method");
        assertThat(tooLarge.path("statusCode").asInt()).isEqualTo(413);
        assertThat(unknownPage.path("statusCode").asInt()).isEqualTo(404);
        assertThat(badEncoding.path("statusCode").asInt()).isEqualTo(400);
        assertThat(published).isEmpty();
    }
}
