package dev.miniats.local.candidate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.link.CandidateAction;
import dev.miniats.core.link.LinkClaims;
import dev.miniats.core.link.LinkSigner;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.Mailbox;
import dev.miniats.local.RuntimeConfig;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The candidate's side of the loop in headless Chromium: the hiring mail arrives over IMAP, the
 * candidate follows its signed link, answers, and the pipeline moves.
 */
@Tag("e2e")
class CandidatePagesBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    static LocalRuntime runtime;
    static EventBridgeClient events;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build());
        events = EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        browser = dev.miniats.local.HeadlessChromium.start(browserProfile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        events.close();
        runtime.close();
    }

    /** Puts the event a day ago, so the answer (now) is surely the later stage of the pipeline. */
    private static String put(String detailType, String to) {
        String detail = "{\"toEmail\":\"" + to + "\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}";
        return events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType(detailType)
                .eventBusName("mini-ats").detail(detail).time(Instant.now().minus(Duration.ofDays(1))).build()))
                .entries().get(0).eventId();
    }

    /** The link of {@code action} in the first mail to {@code address}, read over IMAP. */
    private static String linkInMail(String address, String action) {
        Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
        List<Mailbox.Mail> mails = await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.inbox(address), m -> !m.isEmpty());
        String text = plainText(mails.get(0).raw());
        Matcher link = Pattern.compile("(http://\\S+/candidate/" + action + "/\\S+)").matcher(text);
        assertThat(link.find()).as("a %s link in %s", action, text).isTrue();
        return link.group(1);
    }

    private static String plainText(String raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            return textOf(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = textOf(body);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The candidate's stage history from {@code /_ats/pipeline/<id>}; empty before the first stage. */
    private static JsonNode historyOf(String candidate) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/_ats/pipeline/"
                + URLEncoder.encode(candidate, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("history") : JSON.createArrayNode();
    }

    private static List<String> history(String candidate) throws Exception {
        List<String> stages = new ArrayList<>();
        historyOf(candidate).forEach(h -> stages.add(h.get("stage").asText()));
        return stages;
    }

    private static String outcome() {
        return wait.until(d -> d.findElement(By.id("outcome"))).getText();
    }

    @Test
    void the_assessment_mail_link_opens_the_assessment_and_completing_it_moves_the_pipeline() throws Exception {
        put("send-assessment", "ada.loop@example.com");
        String link = linkInMail("ada.loop@example.com", "assessment");
        assertThat(link).startsWith(runtime.endpoint().toString());

        browser.get(link);
        wait.until(d -> d.findElement(By.id("q1-right"))).click();
        browser.findElement(By.id("q2-right")).click();
        browser.findElement(By.cssSelector("input[name=q3][value=b]")).click();
        browser.findElement(By.id("submit")).click();

        assertThat(outcome()).isEqualTo("Thank you");
        await().atMost(Duration.ofSeconds(20)).until(() -> history("ada.loop@example.com"),
                h -> h.equals(List.of("assessment sent", "assessment completed")));
        JsonNode completed = completedEvent("ada.loop@example.com");
        assertThat(completed.at("/detail/assessment/score").asInt()).isEqualTo(67);
    }

    private static JsonNode completedEvent(String candidate) throws Exception {
        JsonNode history = historyOf(candidate);
        String eventId = history.get(history.size() - 1).get("eventId").asText();
        HttpResponse<String> event = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/_ats/events/" + eventId))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(event.body()).get("event");
    }

    @Test
    void the_offer_mails_accept_link_hires_the_candidate_and_a_second_click_changes_nothing() throws Exception {
        put("send-offer-letter", "grace.loop@example.com");
        String accept = linkInMail("grace.loop@example.com", "offer-accept");
        String decline = linkInMail("grace.loop@example.com", "offer-decline");

        browser.get(accept);
        wait.until(d -> d.findElement(By.id("submit"))).click();
        assertThat(outcome()).isEqualTo("Thank you");
        await().atMost(Duration.ofSeconds(20)).until(() -> history("grace.loop@example.com"),
                h -> h.equals(List.of("offer sent", "hired")));

        browser.get(accept);
        wait.until(d -> d.findElement(By.id("submit"))).click();
        assertThat(outcome()).isEqualTo("Already recorded");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("that you accepted the offer", "Nothing was changed");

        browser.get(decline);
        wait.until(d -> d.findElement(By.id("submit"))).click();
        assertThat(outcome()).isEqualTo("Already recorded");
        Thread.sleep(500);
        assertThat(history("grace.loop@example.com")).containsExactly("offer sent", "hired");
    }

    @Test
    void a_forged_an_expired_and_another_candidates_token_are_refused_with_a_clear_page() throws Exception {
        String eventId = put("send-offer-letter", "linus.loop@example.com");
        String accept = linkInMail("linus.loop@example.com", "offer-accept");
        String token = accept.substring(accept.indexOf("token=") + 6);
        String base = runtime.endpoint() + "/candidate/offer-accept/linus.loop%40example.com?token=";

        int middle = token.length() - 10;
        browser.get(base + token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1));
        assertThat(outcome()).isEqualTo("This link cannot be used");
        assertThat(browser.findElement(By.id("reason")).getText()).contains("not valid");

        LinkSigner signer = new LinkSigner(Files.readString(dataDir.resolve(LinkSecrets.FILE)).strip()
                .getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        String expired = signer.sign(new LinkClaims("linus.loop@example.com", CandidateAction.ACCEPT_OFFER, eventId,
                Instant.now().minusSeconds(1)));
        browser.get(base + expired);
        assertThat(browser.findElement(By.id("reason")).getText()).contains("expired");

        browser.get(runtime.endpoint() + "/candidate/offer-accept/mallory%40example.com?token=" + token);
        assertThat(browser.findElement(By.id("reason")).getText()).contains("another candidate");
        browser.get(runtime.endpoint() + "/candidate/offer-decline/linus.loop%40example.com?token=" + token);
        assertThat(browser.findElement(By.id("reason")).getText()).contains("another step");

        assertThat(history("linus.loop@example.com")).containsExactly("offer sent");
    }

    @ParameterizedTest(name = "token ''{0}'' is refused and nothing is recorded")
    @ValueSource(strings = {"", "x", "a.b", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "....", "dGVzdA.dGVzdA",
            "dGVzdGluZw.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "dGVzdGluZw%0A.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void a_token_of_the_wrong_shape_gets_the_refused_page(String token) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.endpoint()
                + "/candidate/offer-accept/ada%40example.com?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("This link cannot be used", "Nothing was recorded").doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    }

    @Test
    void a_post_without_the_csrf_cookie_records_nothing() throws Exception {
        String eventId = put("send-assessment", "ines.loop@example.com");
        String link = linkInMail("ines.loop@example.com", "assessment");
        String token = link.substring(link.indexOf("token=") + 6);

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(link.substring(0, link.indexOf('?'))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&csrf=guess&q1=b&q2=c&q3=a")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(eventId).isNotBlank();
        assertThat(history("ines.loop@example.com")).containsExactly("assessment sent");
    }

    @Test
    void the_invites_confirm_link_confirms_the_interview() throws Exception {
        put("schedule-interview", "alan.loop@example.com");
        browser.get(linkInMail("alan.loop@example.com", "interview-confirm"));
        wait.until(d -> d.findElement(By.id("submit"))).click();

        assertThat(outcome()).isEqualTo("Thank you");
        await().atMost(Duration.ofSeconds(20)).until(() -> history("alan.loop@example.com"),
                h -> h.equals(List.of("interview scheduled", "interview confirmed")));
    }

    @Test
    void the_invites_decline_link_declines_the_interview() throws Exception {
        put("schedule-interview", "ada.decline@example.com");
        browser.get(linkInMail("ada.decline@example.com", "interview-decline"));
        wait.until(d -> d.findElement(By.id("submit"))).click();

        assertThat(outcome()).isEqualTo("Thank you");
        await().atMost(Duration.ofSeconds(20)).until(() -> history("ada.decline@example.com"),
                h -> h.equals(List.of("interview scheduled", "interview declined")));
    }

    @Test
    void the_invites_withdraw_link_ends_the_process_as_withdrawn_once() throws Exception {
        put("schedule-interview", "grace.withdraw@example.com");
        String link = linkInMail("grace.withdraw@example.com", "withdraw");
        browser.get(link);
        wait.until(d -> d.findElement(By.id("submit"))).click();
        assertThat(outcome()).isEqualTo("Thank you");

        browser.get(link);
        wait.until(d -> d.findElement(By.id("submit"))).click();
        assertThat(outcome()).isEqualTo("Already recorded");
        await().atMost(Duration.ofSeconds(20)).until(() -> history("grace.withdraw@example.com"),
                h -> h.equals(List.of("interview scheduled", "withdrawn")));
        assertThat(browser.getPageSource()).contains("that you withdrew your application");
    }

    @Test
    void the_public_apply_form_records_the_application_once() throws Exception {
        browser.get(runtime.endpoint() + "/apply/Acme/Staff%20Engineer");
        wait.until(d -> d.findElement(By.id("name"))).sendKeys("Margaret Hamilton");
        browser.findElement(By.id("email")).sendKeys("margaret.loop@example.com");
        browser.findElement(By.id("submit")).click();
        assertThat(outcome()).isEqualTo("Thank you");

        browser.get(runtime.endpoint() + "/apply/Acme/Staff%20Engineer");
        wait.until(d -> d.findElement(By.id("name"))).sendKeys("Margaret Hamilton");
        browser.findElement(By.id("email")).sendKeys("Margaret.Loop@example.com");
        browser.findElement(By.id("submit")).click();
        assertThat(outcome()).isEqualTo("Already recorded");

        await().atMost(Duration.ofSeconds(20)).until(() -> history("margaret.loop@example.com"), h -> h.equals(List.of("applied")));
    }
}
