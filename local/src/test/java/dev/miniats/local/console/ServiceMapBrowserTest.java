package dev.miniats.local.console;

import dev.miniats.local.HeadlessChromium;

import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service map in headless Chromium: the hiring flow's nodes and edges, a node opening its trace's waterfall, names escaped. */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceMapBrowserTest {
    private static final String XSS = "<img src=x onerror=alert(1)>";
    @TempDir
    static Path browserProfile;
    private TestRuntime ats;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        ats = TestRuntime.start();
        ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType("send-assessment")
                .eventBusName("mini-ats").detail("{\"toEmail\":\"ada@example.com\",\"fromEmail\":\"talent@example.com\","
                        + "\"companyName\":\"Criteria Corp Testing\"}").build()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ats.runtime.xray().serviceGraph(0, Double.MAX_VALUE).stream()
                .anyMatch(s -> s.name().equals("SES")));
        double now = System.currentTimeMillis() / 1000.0;
        String document = "{\"trace_id\":\"1-" + Long.toHexString((long) now) + "-0123456789abcdef01234567\",\"id\":\"abcdefabcdefabcd\","
                + "\"name\":\"" + XSS.replace("\"", "\\\"") + "\",\"start_time\":" + now + ",\"end_time\":" + (now + 0.1) + "}";
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ats.runtime.endpoint() + "/TraceSegments"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"TraceSegmentDocuments\":[" + quote(document) + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.body()).contains("\"UnprocessedTraceSegments\":[]");

        browser = HeadlessChromium.start(browserProfile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ats != null) {
            ats.close();
        }
    }

    private List<String> attribute(String selector, String attribute) {
        return browser.findElements(By.cssSelector(selector)).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    @Test
    void the_map_shows_bus_rule_function_and_ses_and_a_node_opens_its_waterfall() {
        browser.get(ats.runtime.endpoint() + "/console/service-map");
        wait.until(d -> !d.findElements(By.cssSelector("svg.service-map a.node")).isEmpty());
        assertThat(attribute("a.node", "data-name")).contains("mini-ats", "send-assessment", "SES");
        assertThat(attribute("a.node", "data-type")).contains("AWS::Events", "AWS::Events::Rule", "AWS::Lambda::Function", "AWS::SES");
        WebElement sesEdge = browser.findElement(By.cssSelector("g.edge[data-from='send-assessment'][data-to='SES']"));
        assertThat(sesEdge.findElement(By.tagName("title")).getAttribute("textContent")).contains("1 calls").contains("0% errors");
        assertThat(browser.findElements(By.cssSelector("tr.edge-row"))).anySatisfy(row ->
                assertThat(row.getText()).startsWith("send-assessment SES 1 0%"));

        // a node's name is text, never markup
        assertThat(attribute("a.node", "data-name")).contains(XSS);
        assertThat(browser.findElements(By.cssSelector("svg.service-map img"))).isEmpty();

        WebElement before = browser.findElement(By.id("service-map"));
        new Select(browser.findElement(By.name("minutes"))).selectByValue("15");
        wait.until(ExpectedConditions.stalenessOf(before)); // htmx swapped in the 15-minute graph
        wait.until(d -> d.findElements(By.cssSelector("a.node[data-name='SES']")).size() == 1);

        browser.findElement(By.cssSelector("a.node[data-name='SES']")).click();
        wait.until(d -> d.getCurrentUrl().contains("/console/traces/"));
        wait.until(d -> d.findElement(By.id("waterfall")).getText().contains("SES SendEmail"));
        assertThat(browser.findElement(By.id("waterfall")).getText()).contains("put mini-ats").contains("invoke send-assessment");
    }
}
