package dev.miniats.local.console;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console over plain HTTP: what a browser cannot be trusted to check for us. */
class ConsoleHttpTest {
    private static final String XSS = "<script>alert(1)</script>";

    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @ParameterizedTest(name = "{0} renders")
    @ValueSource(strings = {"/console/", "/console/trigger", "/console/trigger?type=schedule-interview", "/console/events",
            "/console/dead-letters", "/console/mail", "/console/rules", "/console/roster", "/console/pipeline/board", "/console/assets/htmx.min.js",
            "/console/assets/console.css", "/console/assets/console.js"})
    void every_page_answers_200(String path) throws Exception {
        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    @Test
    void pages_forbid_inline_scripts() throws Exception {
        assertThat(get("/console/").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).containsPattern("(^|; )script-src 'self';"));
    }

    @Test
    void a_post_without_the_csrf_token_is_refused() throws Exception {
        long before = runtime.eventLog().count();
        HttpResponse<String> answer = post("/console/trigger", "type=send-assessment&toEmail=a%40example.com"
                + "&fromEmail=talent%40example.com&companyName=Acme", null);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(runtime.eventLog().count()).isEqualTo(before);
    }

    @Test
    void a_cross_site_post_is_refused_even_with_the_token() throws Exception {
        String token = csrf();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url("/console/dead-letters/redrive"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
    }

    @Test
    void a_request_naming_another_host_is_refused_on_loopback() throws Exception {
        // java.net.http will not send another Host header: speak HTTP/1.1 by hand, as a rebinding page's browser would.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", runtime.port())) {
            socket.getOutputStream().write("GET /console/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            assertThat(statusLine).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void an_invalid_email_is_explained_next_to_its_input_and_nothing_is_put() throws Exception {
        long before = runtime.eventLog().count();
        HttpResponse<String> answer = post("/console/trigger",
                "type=send-assessment&toEmail=not-an-email&fromEmail=talent%40example.com&companyName=Acme", csrf());
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).containsPattern("data-field=\"toEmail\">detail.toEmail is invalid");
        assertThat(runtime.eventLog().count()).isEqualTo(before);
    }

    @Test
    void a_hostile_candidate_name_is_escaped_on_the_trigger_result_pipeline_candidate_and_event_pages() throws Exception {
        HttpResponse<String> sent = post("/console/trigger", "type=send-assessment&toEmail=xss%40example.com"
                + "&fromEmail=talent%40example.com&companyName=Acme&candidateName=" + URLEncoder.encode(XSS, StandardCharsets.UTF_8), csrf());
        assertThat(sent.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("id=\"event-id\">([0-9a-f-]{36})<").matcher(sent.body());
        assertThat(id.find()).as(sent.body()).isTrue();
        // The pipeline shows the candidate once record-pipeline has recorded the event, as on AWS.
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.eventLog().deliveries(id.group(1)).stream()
                .anyMatch(d -> d.function().equals("record-pipeline") && d.status().equals("delivered")));
        for (String path : new String[] {"/console/", "/console/candidates/xss%40example.com", "/console/events",
                "/console/events/" + id.group(1), "/console/trigger?type=schedule-interview&candidate=xss%40example.com"}) {
            String body = get(path).body();
            assertThat(body).as(path).doesNotContain(XSS).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        assertThat(sent.body()).doesNotContain(XSS);
    }

    @Test
    void the_playground_says_whether_a_pattern_matches() throws Exception {
        String event = "{\"source\":\"mini-ats\",\"detail-type\":\"send-assessment\",\"detail\":{}}";
        String matches = post("/console/rules/test", "pattern=" + enc("{\"source\":[\"mini-ats\"]}") + "&event=" + enc(event), csrf()).body();
        String misses = post("/console/rules/test", "pattern=" + enc("{\"source\":[\"other\"]}") + "&event=" + enc(event), csrf()).body();
        String invalid = post("/console/rules/test", "pattern=" + enc("{\"source\":\"x\"}") + "&event=" + enc(event), csrf()).body();
        assertThat(matches).contains("The pattern matches this event.");
        assertThat(misses).contains("The pattern does not match this event.");
        assertThat(invalid).contains("Invalid pattern:");
    }

    @Test
    void the_pipeline_page_and_the_ats_api_put_a_partner_candidate_at_the_same_stage() throws Exception {
        HttpResponse<String> sent = post("/console/trigger", "type=send-assessment&toEmail=same.answer%40example.com"
                + "&fromEmail=talent%40example.com&companyName=" + enc("insight partners") + "&candidateName=Same+Answer", csrf());
        Matcher id = Pattern.compile("id=\"event-id\">([0-9a-f-]{36})<").matcher(sent.body());
        assertThat(id.find()).as(sent.body()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.eventLog().deliveries(id.group(1)).stream()
                .anyMatch(d -> d.function().equals("record-pipeline") && d.status().equals("delivered")));

        String api = get("/_ats/pipeline?stage=" + enc("partner roster")).body();
        String page = get("/console/?q=same.answer").body();

        assertThat(api).contains("\"candidateId\":\"same.answer@example.com\"");
        assertThat(page).contains("data-candidate=\"same.answer@example.com\" data-stage=\"partner-roster\"")
                .contains(">partner roster</span>");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String csrf() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/console/trigger").body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static URI url(String path) {
        return runtime.endpoint().resolve(path);
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String form, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + (token == null ? "" : "&_csrf=" + enc(token)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
