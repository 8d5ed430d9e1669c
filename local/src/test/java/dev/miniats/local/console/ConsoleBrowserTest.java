package dev.miniats.local.console;

import dev.miniats.local.HeadlessChromium;

import dev.miniats.local.mail.MailStore;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console in headless Chromium against an in-process runtime, as a recruiter uses it. */
@Tag("e2e")
class ConsoleBrowserTest {
    static final String XSS = "<script>alert(1)</script>";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    static LocalRuntime runtime;
    static EventBridgeClient events;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build());
        events = EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        browser = HeadlessChromium.start(browserProfile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        events.close();
        runtime.close();
    }

    @ParameterizedTest(name = "{0} sent from its form arrives in the mailbox")
    @CsvSource({
            "send-assessment,    ada.form@example.com,   Ada Form,   'your assessment is ready'",
            "schedule-interview, grace.form@example.com, Grace Form, 'Interview with Criteria Corp'",
            "send-offer-letter,  linus.form@example.com, Linus Form, 'Your offer from Criteria Corp'",
    })
    void each_stage_triggered_from_its_form_arrives_in_the_mailbox(String type, String email, String name, String subject) {
        open("/console/trigger?type=" + type);
        fill(email, name);
        browser.findElement(By.cssSelector("form.trigger button[type=submit]")).click();

        String eventId = wait.until(d -> d.findElement(By.id("event-id"))).getText();
        assertThat(eventId).matches("[0-9a-f-]{36}");
        assertThat(text("#result")).contains("rule " + type).contains("→ " + type);
        // The delivery's state follows live on the same page.
        wait.until(d -> text("#deliveries-live").contains("delivered"));
        screenshot("trigger-" + type);

        open("/console/mail");
        // The mailbox re-renders live (the mail turns "delivered"), so every look-up finds the link afresh.
        By link = By.xpath("//tr[td[contains(., '" + email + "')]]//a");
        try {
            wait.until(d -> d.findElement(link).getText().contains(subject));
        } catch (TimeoutException e) {
            // once in a CI run the row never showed; say whether the mail was stored and what the page saw
            throw new AssertionError("no mailbox row for " + email + "; live status '" + text("#live-status") + "'; the page shows:\n"
                    + text("#mail-live") + "\nthe store's newest mails: " + runtime.mailStore().recent(5).stream()
                    .map(m -> m.destinations() + " " + m.subject() + " " + m.status()).toList(), e);
        }
        wait.until(d -> {
            d.findElement(link).click();
            return true;
        });
        wait.until(d -> d.findElement(By.cssSelector("iframe.mail-html")));
        assertThat(browser.findElement(By.cssSelector("iframe.mail-html")).getDomAttribute("sandbox")).isEmpty();
        assertThat(text(".mail-text")).contains(name.split(" ")[0]);
        screenshot("mail-" + type);
    }

    @Test
    void a_mistake_in_the_form_is_explained_next_to_its_input() {
        open("/console/trigger?type=schedule-interview");
        fill("grace.mistake@example.com", "Grace Mistake");
        browser.findElement(By.id("f-interview-start")).sendKeys("next tuesday");
        browser.findElement(By.cssSelector("form.trigger button[type=submit]")).click();

        WebElement error = wait.until(d -> d.findElement(By.id("f-interview-start-error")));
        assertThat(error.getText()).contains("detail.interview.start").contains("ISO-8601");
        assertThat(browser.findElements(By.id("event-id"))).isEmpty();
        screenshot("trigger-validation");
    }

    @Test
    void a_candidate_moves_on_the_pipeline_page_live_when_an_sdk_puts_an_event() {
        open("/console/");
        wait.until(d -> text("#live-status").equals("live"));
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        put("send-assessment", "{\"toEmail\":\"live.one@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Criteria Corp Testing\",\"candidateName\":\"Live One\"}");
        wait.until(d -> !d.findElements(By.cssSelector("tr[data-candidate='live.one@example.com'][data-stage='assessment-sent']")).isEmpty());
        put("schedule-interview", "{\"toEmail\":\"live.one@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Criteria Corp Testing\",\"candidateName\":\"Live One\"}");
        wait.until(d -> !d.findElements(By.cssSelector("tr[data-candidate='live.one@example.com'][data-stage='interview-scheduled']")).isEmpty());

        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;")).isEqualTo(true);
        screenshot("pipeline");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            screenshot("pipeline-phone");
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            assertThat(overflow).as("the page scrolls sideways on a phone").isEqualTo(false);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void a_failing_delivery_appears_in_dead_letters_and_redrives() {
        open("/console/dead-letters");
        wait.until(d -> text("#live-status").equals("live"));
        // No toEmail: the function rejects it permanently, so the bus dead-letters it at once.
        String eventId = put("send-assessment", "{\"fromEmail\":\"talent@example.com\",\"companyName\":\"Broken Corp\"}");

        wait.until(d -> runtime.eventLog().deliveries(eventId).stream().anyMatch(x -> x.status().equals("dead")));
        long deliveryId = runtime.eventLog().deliveries(eventId).get(0).id();
        // The list re-renders live, so every look-up finds the row afresh.
        By row = By.cssSelector("li.dead-letter[data-delivery-id='" + deliveryId + "']");
        wait.until(d -> d.findElement(row).getText().contains("detail.toEmail"));
        // the row is the message in the runtime's dead-letter queue
        assertThat(text("li.dead-letter[data-delivery-id='" + deliveryId + "']")).contains("send-assessment").contains("ats-dead-letters");
        screenshot("dead-letters");
        wait.until(d -> {
            d.findElement(row).findElement(By.cssSelector("button.redrive")).click();
            return true;
        });

        assertThat(wait.until(d -> d.findElement(By.id("flash"))).getText()).isEqualTo("1 delivery sent back to its target.");
        open("/console/events/" + eventId);
        // The redriven delivery is tried again (and, still missing toEmail, fails again).
        wait.until(d -> text("#deliveries-live").contains("dead") && text("#deliveries-live").contains("1 attempt(s)"));
        assertThat(runtime.eventLog().dead(100)).anySatisfy(d -> assertThat(d.id()).isEqualTo(deliveryId));
    }

    @Test
    void a_hostile_candidate_name_stays_text_on_every_page() {
        open("/console/trigger?type=send-assessment");
        fill("xss.browser@example.com", XSS);
        browser.findElement(By.cssSelector("form.trigger button[type=submit]")).click();
        String eventId = wait.until(d -> d.findElement(By.id("event-id"))).getText();
        wait.until(d -> runtime.mailStore().recent(50).stream().anyMatch(m -> m.destinations().contains("xss.browser@example.com")));
        String mailId = runtime.mailStore().recent(50).stream()
                .filter(m -> m.destinations().contains("xss.browser@example.com")).findFirst().orElseThrow().id();
        // The pipeline shows the candidate once record-pipeline has recorded the event, as on AWS.
        wait.until(d -> runtime.eventLog().deliveries(eventId).stream()
                .anyMatch(x -> x.function().equals("record-pipeline") && x.status().equals("delivered")));

        for (String path : List.of("/console/", "/console/?q=xss.browser", "/console/candidates/xss.browser%40example.com",
                "/console/events", "/console/events/" + eventId, "/console/mail", "/console/mail/" + mailId,
                "/console/trigger?type=send-offer-letter&candidate=xss.browser%40example.com")) {
            open(path);
            assertThatThrownBy(() -> browser.switchTo().alert()).as(path).isInstanceOf(NoAlertPresentException.class);
            String shown = path.contains("type=send-offer-letter")
                    ? browser.findElement(By.id("f-candidateName")).getDomProperty("value")
                    : browser.findElement(By.tagName("main")).getText();
            assertThat(shown).as(path).contains(XSS);
        }
        open("/console/?q=xss.browser");
        screenshot("pipeline-xss-search");
    }

    @Test
    void the_logs_page_shows_each_invocation_as_cloudwatch_does_and_failures_as_errors_with_hostile_text_as_text() {
        // A hostile candidate id: the function refuses it, and its log (with the id) shows as an error.
        put("send-assessment", "{\"toEmail\":\"xss.logs@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Criteria Corp Testing\",\"candidateId\":\"" + XSS + "\"}");
        open("/console/trigger?type=send-assessment");
        fill("logs.browser@example.com", "Logs Browser");
        browser.findElement(By.cssSelector("form.trigger button[type=submit]")).click();
        String eventId = wait.until(d -> d.findElement(By.id("event-id"))).getText();

        open("/console/logs?function=send-assessment&q=" + eventId);
        By ok = By.cssSelector("li.invocation[data-status='ok']");
        wait.until(d -> {
            d.findElement(ok).findElement(By.tagName("summary")).click();
            return true;
        });
        WebElement log = wait.until(d -> d.findElement(By.cssSelector("li.invocation[data-status='ok'] pre.log")));
        String requestId = browser.findElement(ok).getDomAttribute("data-request-id");
        wait.until(d -> log.getText().contains("REPORT RequestId: " + requestId));
        assertThat(log.getText()).contains("START RequestId: " + requestId + " Version: $LATEST")
                .contains("\"message\":\"mail sent\"").contains("\"eventId\":\"" + eventId + "\"")
                .contains("END RequestId: " + requestId).contains("Billed Duration: ").contains("Memory Size: 1024 MB");
        screenshot("logs");

        open("/console/logs?errors=true");
        By error = By.xpath("//li[contains(@class, 'invocation') and @data-status='error'][contains(., 'alert(1)')]");
        wait.until(d -> d.findElement(error).getText().contains("InvalidEventException"));
        wait.until(d -> {
            d.findElement(error).findElement(By.tagName("summary")).click();
            return true;
        });
        wait.until(d -> d.findElement(error).findElement(By.cssSelector("pre.log")).getText().contains("\"level\":\"ERROR\""));
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElement(error).getText()).contains(XSS);
        assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
        screenshot("logs-error");
    }

    @Test
    void a_calendar_invite_is_shown_as_an_invite() throws IOException {
        String raw = String.join("\r\n",
                "From: talent@example.com", "To: cal@example.com", "Subject: Interview", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=b1", "", "--b1", "Content-Type: text/plain; charset=UTF-8", "",
                "See you there.", "--b1", "Content-Type: text/calendar; method=REQUEST; charset=UTF-8", "",
                "BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:interview-1@mini-ats",
                "SUMMARY:Interview with Criteria Corp Testing\\, round 1", "DTSTART;TZID=Europe/Berlin:20261201T100000",
                "DTEND;TZID=Europe/Berlin:20261201T104500", "LOCATION:Room 4", "SEQUENCE:2",
                "ORGANIZER;CN=Talent Team:mailto:talent@example.com", "ATTENDEE;CN=Cal Candidate:mailto:cal@example.com",
                "END:VEVENT", "END:VCALENDAR", "--b1", "Content-Type: application/pdf; name=offer.pdf",
                "Content-Disposition: attachment; filename=offer.pdf", "Content-Transfer-Encoding: base64", "",
                "JVBERi0xLjQK", "--b1--", "");
        runtime.mailStore().add(new MailStore.NewMail("calendar-test", "test", "talent@example.com", List.of("cal@example.com"),
                "Interview", raw.getBytes(StandardCharsets.UTF_8), null), System.currentTimeMillis());

        open("/console/mail/calendar-test");
        String invite = text("section.invite");
        assertThat(invite).contains("REQUEST").contains("Interview with Criteria Corp Testing, round 1")
                .contains("Tue 1 Dec 2026, 10:00 Europe/Berlin").contains("Room 4").contains("Cal Candidate <cal@example.com>");
        assertThat(text(".invite-sequence")).isEqualTo("2");
        assertThat(text("ul.attachments")).contains("offer.pdf").contains("application/pdf");
        screenshot("mail-invite");
    }

    @Test
    void the_rules_page_lists_the_routes_and_tests_a_pattern() {
        open("/console/rules");
        assertThat(text("main")).contains("send-assessment").contains("anything-but");
        browser.findElement(By.cssSelector("form.playground button")).click();
        assertThat(wait.until(d -> d.findElement(By.id("verdict"))).getText()).isEqualTo("The pattern matches this event.");
        screenshot("rules");
    }

    @Test
    void the_console_can_be_driven_from_the_keyboard() {
        open("/console/trigger?type=send-assessment");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");

        browser.findElement(By.id("f-toEmail")).click();
        new Actions(browser).sendKeys("keys@example.com", Keys.TAB, "talent@example.com", Keys.TAB, "Keyboard Corp", Keys.ENTER)
                .perform();
        assertThat(wait.until(d -> d.findElement(By.id("event-id"))).getText()).matches("[0-9a-f-]{36}");
    }

    private static void fill(String email, String name) {
        type("f-toEmail", email);
        type("f-fromEmail", "talent@example.com");
        type("f-companyName", "Criteria Corp Testing");
        type("f-candidateName", name);
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static String put(String type, String detail) {
        return events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType(type)
                .eventBusName("mini-ats").detail(detail).build())).entries().get(0).eventId();
    }

    private static void open(String path) {
        browser.get(runtime.endpoint().resolve(path).toString());
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot save screenshot " + name, e);
        }
    }
}
