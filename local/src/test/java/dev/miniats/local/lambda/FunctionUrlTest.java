package dev.miniats.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.AwsCliEndToEndTest;
import dev.miniats.local.AwsCliEndToEndTest.CliResult;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Function URLs: the control plane through the AWS CLI, and HTTP requests through the URL as Lambda maps them. */
@Tag("e2e")
class FunctionUrlTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static UserFunctionsHttp lambda;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        lambda = new UserFunctionsHttp(runtime).withRole();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static JsonNode cli(String... args) throws Exception {
        CliResult result = AwsCliEndToEndTest.aws(runtime.endpoint(), args);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().isBlank() ? UserFunctionsHttp.JSON.createObjectNode() : UserFunctionsHttp.JSON.readTree(result.stdout());
    }

    private static HttpResponse<byte[]> call(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void create(String name, String source) {
        UserFunctionsHttp.Answer created = lambda.create(name, "nodejs20.x", "index.handler", Zips.of(Map.of("index.mjs", source)),
                Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void a_url_invokes_the_function_with_the_2_0_event_and_maps_its_response_as_lambda_does() throws Exception {
        create("web", "export const handler = async (event) => ({ statusCode: 201,"
                + " headers: { 'content-type': 'application/json', 'x-seen-path': event.rawPath },"
                + " cookies: ['session=abc; Path=/', 'theme=dark'], body: JSON.stringify(event) });");
        JsonNode created = cli("lambda", "create-function-url-config", "--function-name", "web", "--auth-type", "NONE");
        String url = created.get("FunctionUrl").asText();
        assertThat(url).startsWith(runtime.endpoint().toString().replaceAll("/$", "") + "/_lambda-url/").endsWith("/");
        assertThat(created.get("AuthType").asText()).isEqualTo("NONE");
        assertThat(created.get("FunctionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:web");

        HttpResponse<byte[]> get = call(HttpRequest.newBuilder(URI.create(url + "items/7?a=1&a=2&b=x")).header("Cookie", "c1=v1; c2=v2")
                .header("X-Custom", "yes"));
        HttpResponse<byte[]> post = call(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{0, 1, 2, (byte) 255})));

        assertThat(get.statusCode()).isEqualTo(201);
        assertThat(get.headers().firstValue("x-seen-path")).contains("/items/7");
        assertThat(get.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/", "theme=dark");
        JsonNode event = UserFunctionsHttp.JSON.readTree(get.body());
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("$default");
        assertThat(event.get("rawPath").asText()).isEqualTo("/items/7");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x");
        assertThat(event.get("queryStringParameters").get("a").asText()).isEqualTo("1,2");
        assertThat(event.get("cookies")).hasSize(2);
        assertThat(event.get("cookies").get(0).asText()).isEqualTo("c1=v1");
        assertThat(event.get("headers").get("x-custom").asText()).isEqualTo("yes");
        assertThat(event.get("headers").has("cookie")).as("cookies move to their own field").isFalse();
        assertThat(event.get("requestContext").get("http").get("method").asText()).isEqualTo("GET");
        assertThat(event.get("requestContext").get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode posted = UserFunctionsHttp.JSON.readTree(post.body());
        assertThat(posted.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(posted.get("body").asText()).isEqualTo("AAEC/w==");
        assertThat(posted.get("requestContext").get("http").get("method").asText()).isEqualTo("POST");
    }

    @Test
    void a_plain_answer_is_a_200_json_body_and_a_function_error_is_a_502() throws Exception {
        create("plain", "export const handler = async (e) => { if (e.rawPath === '/fail') throw new Error('no'); return 'Hello (world)'; };");
        String url = cli("lambda", "create-function-url-config", "--function-name", "plain", "--auth-type", "NONE")
                .get("FunctionUrl").asText();

        HttpResponse<byte[]> hello = call(HttpRequest.newBuilder(URI.create(url)));
        HttpResponse<byte[]> failed = call(HttpRequest.newBuilder(URI.create(url + "fail")));

        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(new String(hello.body())).isEqualTo("Hello (world)");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(new String(failed.body())).isEqualTo("{\"Message\":\"Internal Server Error\"}");
    }

    @Test
    void get_update_list_and_delete_work_with_the_cli_and_aws_iam_refuses_unsigned_requests() throws Exception {
        create("guarded", "export const handler = async (e) => ({ statusCode: 200, body: e.requestContext.authorizer.iam.accessKey });");
        String url = cli("lambda", "create-function-url-config", "--function-name", "guarded", "--auth-type", "NONE",
                "--cors", "AllowOrigins=https://example.com,AllowMethods=GET").get("FunctionUrl").asText();

        JsonNode updated = cli("lambda", "update-function-url-config", "--function-name", "guarded", "--auth-type", "AWS_IAM");
        JsonNode got = cli("lambda", "get-function-url-config", "--function-name", "guarded");
        JsonNode listed = cli("lambda", "list-function-url-configs", "--function-name", "guarded");
        HttpResponse<byte[]> unsigned = call(HttpRequest.newBuilder(URI.create(url)));
        HttpResponse<byte[]> signed = call(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://example.com")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261203/us-east-1/lambda/aws4_request,"
                        + " SignedHeaders=host, Signature=0"));

        assertThat(updated.get("AuthType").asText()).isEqualTo("AWS_IAM");
        assertThat(got.get("AuthType").asText()).isEqualTo("AWS_IAM");
        assertThat(got.get("FunctionUrl").asText()).isEqualTo(url);
        assertThat(got.get("Cors").get("AllowOrigins").get(0).asText()).as("kept by the update").isEqualTo("https://example.com");
        assertThat(listed.get("FunctionUrlConfigs")).hasSize(1);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(new String(unsigned.body())).isEqualTo("{\"Message\":\"Forbidden\"}");
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(new String(signed.body())).isEqualTo("AKIDLOCAL");
        assertThat(signed.headers().firstValue("access-control-allow-origin")).contains("https://example.com");

        CliResult twice = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "create-function-url-config", "--function-name",
                "guarded", "--auth-type", "NONE");
        assertThat(twice.stderr()).contains("ResourceConflictException");
        UserFunctionsHttp.Answer badAuth = lambda.send("POST", "/2021-10-31/functions/guarded/url", "{\"AuthType\":\"OPEN\"}", Map.of());
        assertThat(badAuth.status()).isEqualTo(400);
        assertThat(badAuth.json().get("message").asText()).contains("Value 'OPEN' at 'authType'").contains("[AWS_IAM, NONE]");

        cli("lambda", "delete-function-url-config", "--function-name", "guarded");
        assertThat(call(HttpRequest.newBuilder(URI.create(url))).statusCode()).isEqualTo(403);
        assertThat(AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "get-function-url-config", "--function-name", "guarded")
                .stderr()).contains("ResourceNotFoundException");
    }

    @Test
    void a_built_in_java_function_gets_a_url_too() throws Exception {
        String url = cli("lambda", "create-function-url-config", "--function-name", "ats-echo", "--auth-type", "NONE")
                .get("FunctionUrl").asText();

        HttpResponse<byte[]> echoed = call(HttpRequest.newBuilder(URI.create(url + "hello")));

        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(UserFunctionsHttp.JSON.readTree(echoed.body()).get("rawPath").asText()).isEqualTo("/hello");
    }

    static final String URL_STACK = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Role: !GetAtt Role.Arn
                  Code:
                    ZipFile: |
                      exports.handler = async (event) => ({ statusCode: 200, body: 'page ' + event.rawPath });
              Url:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: !GetAtt Fn.Arn
                  AuthType: NONE
            Outputs:
              Url:
                Value: !GetAtt Url.FunctionUrl
              Target:
                Value: !Ref Url
            """;

    @Test
    void a_stack_makes_a_url_with_aws_lambda_url_and_get_att_answers_it() throws Exception {
        cli("cloudformation", "create-stack", "--stack-name", "pages", "--template-body", URL_STACK, "--capabilities", "CAPABILITY_IAM");
        cli("cloudformation", "wait", "stack-create-complete", "--stack-name", "pages");
        Map<String, String> outputs = new java.util.HashMap<>();
        cli("cloudformation", "describe-stacks", "--stack-name", "pages").get("Stacks").get(0).get("Outputs")
                .forEach(o -> outputs.put(o.get("OutputKey").asText(), o.get("OutputValue").asText()));

        HttpResponse<byte[]> page = call(HttpRequest.newBuilder(URI.create(outputs.get("Url") + "candidates/42")));

        assertThat(outputs.get("Target")).startsWith("arn:aws:lambda:us-east-1:000000000000:function:pages-Fn-");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body())).isEqualTo("page /candidates/42");

        cli("cloudformation", "delete-stack", "--stack-name", "pages");
        cli("cloudformation", "wait", "stack-delete-complete", "--stack-name", "pages");
        assertThat(call(HttpRequest.newBuilder(URI.create(outputs.get("Url")))).statusCode()).isEqualTo(403);
    }
}
