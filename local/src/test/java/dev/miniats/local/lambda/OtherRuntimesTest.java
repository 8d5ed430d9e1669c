package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java (through AWS's Runtime Interface Client), Python and {@code provided.al2023} functions, each
 * deployed and invoked end to end.
 */
@Tag("e2e")
class OtherRuntimesTest {
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static UserFunctionsHttp lambda;

    @BeforeAll
    static void start() {
        // this machine has no JDK 21 (Debian 12 has none): java21 runs on the JDK there is, as the opt-in allows
        Map<String, String> settings = new java.util.HashMap<>(System.getenv());
        settings.put("ATS_LAMBDA_NEAREST_RUNTIME", "true");
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().lambdaSettings(settings).build());
        lambda = new UserFunctionsHttp(runtime).withRole();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void a_python_function_runs_with_the_machines_python_and_reports_errors_as_lambda_does() {
        byte[] zip = Zips.of(Map.of("app.py", "import os\ncalls = 0\n\ndef handler(event, context):\n    global calls\n    calls += 1\n"
                + "    if event.get('fail'):\n        raise ValueError('bad candidate')\n    print('hello from python')\n"
                + "    return {'calls': calls, 'name': context.function_name, 'request': context.aws_request_id,"
                + " 'endpoint': os.environ['AWS_ENDPOINT_URL']}\n"));
        assertThat(lambda.create("py", "python3.11", "app.handler", zip, Map.of()).status()).isEqualTo(201);

        UserFunctionsHttp.Answer first = lambda.invoke("py", "{}");
        UserFunctionsHttp.Answer second = lambda.invoke("py", "{}");
        UserFunctionsHttp.Answer failed = lambda.invoke("py", "{\"fail\":true}");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("name").asText()).isEqualTo("py");
        assertThat(first.json().get("request").asText()).isEqualTo(first.header("x-amzn-RequestId"));
        assertThat(first.json().get("endpoint").asText()).isEqualTo(runtime.endpoint().toString());
        assertThat(second.json().get("calls").asInt()).isEqualTo(2);
        assertThat(failed.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(failed.json().get("errorType").asText()).isEqualTo("ValueError");
        assertThat(failed.json().get("errorMessage").asText()).isEqualTo("bad candidate");
        assertThat(failed.json().get("stackTrace").get(0).asText()).contains("app.py");
    }

    @Test
    void a_provided_al2023_shell_bootstrap_speaks_the_runtime_api_itself() {
        String bootstrap = "#!/bin/sh\nset -eu\nwhile true; do\n"
                + "  HEADERS=$(mktemp)\n"
                + "  EVENT=$(curl -sS -LD \"$HEADERS\" \"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next\")\n"
                + "  ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id \"$HEADERS\" | tr -d '[:space:]' | cut -d: -f2)\n"
                + "  echo \"handling $ID\"\n"
                + "  curl -sS -X POST \"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$ID/response\""
                + " -d \"{\\\"echo\\\":$EVENT,\\\"handler\\\":\\\"$_HANDLER\\\"}\" > /dev/null\n"
                + "done\n";
        assertThat(lambda.create("sh", "provided.al2023", "function.handler", Zips.of(Map.of("bootstrap", bootstrap)), Map.of())
                .status()).isEqualTo(201);

        UserFunctionsHttp.Answer answer = lambda.invoke("sh", "{\"candidate\":\"ada\"}", Map.of("X-Amz-Log-Type", "Tail"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("echo").get("candidate").asText()).isEqualTo("ada");
        assertThat(answer.json().get("handler").asText()).isEqualTo("function.handler");
        assertThat(new String(java.util.Base64.getDecoder().decode(answer.header("X-Amz-Log-Result"))))
                .contains("handling " + answer.header("x-amzn-RequestId"));
    }

    @Test
    void java_21_pojo_and_stream_handlers_run_through_awss_runtime_interface_client(@TempDir Path build) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("example/Greeter.java", "package example;\nimport java.util.Map;\n"
                + "import com.amazonaws.services.lambda.runtime.Context;\n"
                + "import com.amazonaws.services.lambda.runtime.RequestHandler;\n"
                + "public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {\n"
                + "  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {\n"
                + "    if (event.containsKey(\"fail\")) throw new IllegalStateException(\"no offer for \" + event.get(\"name\"));\n"
                + "    System.out.println(\"greeting \" + event.get(\"name\"));\n"
                + "    return Map.of(\"greeting\", \"Hello \" + event.get(\"name\"), \"function\", context.getFunctionName());\n"
                + "  }\n}\n");
        sources.put("example/Upper.java", "package example;\nimport java.io.*;\n"
                + "import com.amazonaws.services.lambda.runtime.Context;\n"
                + "import com.amazonaws.services.lambda.runtime.RequestStreamHandler;\n"
                + "public class Upper implements RequestStreamHandler {\n"
                + "  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {\n"
                + "    out.write(new String(in.readAllBytes()).toUpperCase().getBytes());\n  }\n}\n");
        Map<String, byte[]> classes = compile(build, sources);
        byte[] jar = Zips.ofBytes(classes);
        assertThat(lambda.create("greeter", "java21", "example.Greeter::handleRequest", jar, Map.of("Timeout", 30)).status())
                .isEqualTo(201);
        assertThat(lambda.create("upper", "java17", "example.Upper", Zips.ofBytes(Map.of("lib/upper.jar", jar)), Map.of("Timeout", 30))
                .status()).isEqualTo(201);

        UserFunctionsHttp.Answer greeted = lambda.invoke("greeter", "{\"name\":\"Ada\"}");
        UserFunctionsHttp.Answer failed = lambda.invoke("greeter", "{\"name\":\"Bob\",\"fail\":true}");
        UserFunctionsHttp.Answer upper = lambda.invoke("upper", "{\"name\":\"ada\"}");

        assertThat(greeted.status()).as(greeted.body()).isEqualTo(200);
        assertThat(greeted.header("X-Amz-Function-Error")).as(greeted.body()).isNull();
        assertThat(greeted.json().get("greeting").asText()).isEqualTo("Hello Ada");
        assertThat(greeted.json().get("function").asText()).isEqualTo("greeter");
        assertThat(failed.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(failed.json().get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.json().get("errorMessage").asText()).isEqualTo("no offer for Bob");
        assertThat(upper.json().get("NAME").asText()).as(upper.body()).isEqualTo("ADA");
    }

    /** Compiles {@code sources} against aws-lambda-java-core; answers the class files by their path in a jar. */
    private static Map<String, byte[]> compile(Path dir, Map<String, String> sources) throws Exception {
        Path src = dir.resolve("src");
        Path out = dir.resolve("classes");
        Files.createDirectories(out);
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String core = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("-d", out.toString(), "-cp", core, "--release", "17"),
                sources.keySet().stream().map(k -> src.resolve(k).toString())).toArray(String[]::new);
        assertThat(javac.run(null, null, errors, args)).as(errors.toString()).isZero();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                classes.put(out.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return classes;
    }
}
