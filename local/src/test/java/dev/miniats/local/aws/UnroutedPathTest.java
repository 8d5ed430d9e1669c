package dev.miniats.local.aws;

import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What a path no route serves answers: a service the runtime does not speak is named, not a bare 404. */
class UnroutedPathTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestRuntime ats;

    @BeforeAll
    static void start() {
        ats = TestRuntime.start();
    }

    @AfterAll
    static void stop() {
        ats.close();
    }

    @Test
    void a_request_signed_for_route53_is_told_the_runtime_does_not_implement_route53() throws Exception {
        HttpResponse<String> answer = get("/2013-04-01/hostedzone", "route53");

        assertThat(answer.statusCode()).isEqualTo(501);
        assertThat(answer.headers().firstValue("x-amzn-ErrorType").orElse("")).startsWith("NotImplemented");
        assertThat(answer.body()).contains("does not implement route53").contains("GET /2013-04-01/hostedzone").contains("lambda");
    }

    @Test
    void an_unknown_path_of_a_spoken_rest_service_is_an_unknown_operation_of_that_service() throws Exception {
        HttpResponse<String> answer = get("/2015-03-31/no-such-thing", "lambda");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("UnknownOperationException").contains("No lambda operation is served at GET /2015-03-31/no-such-thing");
    }

    @Test
    void an_unsigned_request_to_an_unknown_path_is_a_plain_not_found() throws Exception {
        HttpResponse<String> answer = get("/no/such/page", null);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("Not found: GET /no/such/page");
    }

    private static HttpResponse<String> get(String path, String signedFor) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ats.runtime.endpoint() + path)).GET();
        if (signedFor != null) {
            request.header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261203/us-east-1/" + signedFor
                    + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
