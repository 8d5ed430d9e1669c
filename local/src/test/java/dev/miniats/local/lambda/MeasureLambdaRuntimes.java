package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures user functions (not a test): for a no-op Node.js 20 function, create-function → first
 * invoke answered (cold) and warm RequestResponse invokes p50/p99 over HTTP; the same cold figure
 * for a Java 21 function through AWS's Runtime Interface Client. Run with scripts/measure-lambda.sh.
 */
public final class MeasureLambdaRuntimes {
    public static void main(String[] args) throws Exception {
        int warmInvokes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("ats-measure-lambda");
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dir).ephemeralPorts().tracing(false).build())) {
            UserFunctionsHttp lambda = new UserFunctionsHttp(runtime).withRole();
            byte[] noop = Zips.of(Map.of("index.mjs", "export const handler = async () => ({});"));
            // one throwaway function first, so the SDK cache check and the JIT of the control plane are not in the figures
            lambda.create("warmup", "nodejs20.x", "index.handler", noop, Map.of());
            lambda.invoke("warmup", "{}");

            List<Double> colds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                check(lambda.create("noop" + i, "nodejs20.x", "index.handler", noop, Map.of()), 201);
                check(lambda.invoke("noop" + i, "{}"), 200);
                colds.add((System.nanoTime() - t0) / 1e6);
            }
            System.out.printf(Locale.ROOT, "node20 no-op, create-function -> first invoke answered (cold), 5 runs, ms: %s%n", colds);

            for (int i = 0; i < 200; i++) {
                lambda.invoke("noop0", "{}");
            }
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < warmInvokes; i++) {
                long t0 = System.nanoTime();
                check(lambda.invoke("noop0", "{}"), 200);
                warm.add((System.nanoTime() - t0) / 1e6);
            }
            Collections.sort(warm);
            System.out.printf(Locale.ROOT, "node20 no-op, warm RequestResponse invoke over HTTP, %d runs: p50 %.2f ms, p99 %.2f ms,"
                    + " max %.2f ms%n", warmInvokes, warm.get(warm.size() / 2), warm.get(warm.size() * 99 / 100), warm.get(warm.size() - 1));

            byte[] jar = javaNoop(dir);
            List<Double> javaColds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                check(lambda.create("java" + i, "java17", "example.Noop::handleRequest", jar, Map.of("Timeout", 30)), 201);
                check(lambda.invoke("java" + i, "{}"), 200);
                javaColds.add((System.nanoTime() - t0) / 1e6);
            }
            System.out.printf(Locale.ROOT, "java17 no-op (AWS RIC), create-function -> first invoke answered (cold), 3 runs, ms: %s%n",
                    javaColds);
        }
    }

    private static void check(UserFunctionsHttp.Answer answer, int status) {
        if (answer.status() != status || answer.header("X-Amz-Function-Error") != null) {
            throw new IllegalStateException("unexpected answer " + answer.status() + ": " + answer.body());
        }
    }

    private static byte[] javaNoop(Path dir) throws Exception {
        Path src = dir.resolve("src/example/Noop.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package example;\nimport java.util.Map;\nimport com.amazonaws.services.lambda.runtime.*;\n"
                + "public class Noop implements RequestHandler<Map<String, Object>, Map<String, Object>> {\n"
                + "  public Map<String, Object> handleRequest(Map<String, Object> e, Context c) { return Map.of(); }\n}\n");
        Path out = dir.resolve("classes");
        String core = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), "-cp", core, "--release", "17",
                src.toString()) != 0) {
            throw new IllegalStateException("cannot compile the Java no-op handler");
        }
        Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                classes.put(out.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return Zips.ofBytes(classes);
    }
}
