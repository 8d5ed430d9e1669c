package dev.miniats.local.console;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bound beyond loopback, the console opens only with its token. */
class ConsoleTokenTest {
    @TempDir
    Path dataDir;

    @Test
    void bound_to_every_address_the_console_needs_its_token_once_then_a_cookie() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).bindAddress("0.0.0.0")
                .ephemeralPorts().build())) {
            URI console = URI.create("http://127.0.0.1:" + runtime.port() + "/console/");
            String token = runtime.consoleUrl().getQuery().substring("token=".length());
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();

            assertThat(get(browser, console).statusCode()).isEqualTo(401);
            assertThat(get(browser, URI.create(console + "?token=wrong")).statusCode()).isEqualTo(401);
            HttpResponse<String> login = get(browser, URI.create(console + "?token=" + token));
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.uri().getQuery()).as("the token leaves the address bar").isNull();
            assertThat(get(browser, URI.create("http://127.0.0.1:" + runtime.port() + "/console/events")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void on_loopback_the_console_url_carries_no_token() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build())) {
            assertThat(runtime.consoleUrl().getQuery()).isNull();
            assertThat(get(HttpClient.newHttpClient(), runtime.consoleUrl()).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
