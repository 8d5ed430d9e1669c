package dev.miniats.local.lambda.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A runtime runs on an interpreter of its own version, found by name or setting, or is refused naming what to install. */
class InterpretersTest {
    @TempDir
    Path bin;
    @TempDir
    Path jvms;

    /** A stand-in interpreter that only answers its version, as {@code node --version} / {@code java -version} do. */
    private Path fake(Path dir, String name, String versionOutput) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\necho '" + versionOutput + "'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Interpreters interpreters(Map<String, String> extra) {
        var settings = new java.util.HashMap<>(extra);
        settings.put("PATH", bin.toString());
        return new Interpreters(settings, jvms);
    }

    @Test
    void nodejs22_on_a_machine_with_only_node_20_is_refused_naming_node_22_and_the_ways_to_provide_it() throws IOException {
        fake(bin, "node", "v20.11.0");
        Interpreters interpreters = interpreters(Map.of());

        assertThat(interpreters.find(LambdaRuntime.NODEJS20)).map(Interpreters.Found::binary).contains(bin.resolve("node"));
        assertThat(interpreters.find(LambdaRuntime.NODEJS22)).isEmpty();
        assertThat(interpreters.missing(LambdaRuntime.NODEJS22)).hasValueSatisfying(why -> assertThat(why)
                .contains("The runtime nodejs22.x needs Node.js 22").contains(bin.resolve("node") + " is version 20.11.0")
                .contains("node22").contains("ATS_LAMBDA_NODEJS22").contains("ATS_LAMBDA_NEAREST_RUNTIME=true"));
    }

    @Test
    void a_versioned_name_on_path_or_the_setting_provides_the_runtimes_own_version() throws IOException {
        fake(bin, "node", "v20.11.0");
        fake(bin, "node22", "v22.3.0");
        Path elsewhere = fake(bin.resolve("opt"), "python", "Python 3.12.1");

        Interpreters interpreters = interpreters(Map.of("ATS_LAMBDA_PYTHON3_12", elsewhere.toString()));

        assertThat(interpreters.find(LambdaRuntime.NODEJS22)).map(Interpreters.Found::binary).contains(bin.resolve("node22"));
        assertThat(interpreters.find(LambdaRuntime.NODEJS22)).map(Interpreters.Found::warning).isEmpty();
        assertThat(interpreters.find(LambdaRuntime.PYTHON312)).map(Interpreters.Found::binary).contains(elsewhere);
    }

    @Test
    void a_setting_naming_another_version_is_refused_rather_than_used() throws IOException {
        Path wrong = fake(bin.resolve("opt"), "node", "v20.11.0");

        Interpreters interpreters = interpreters(Map.of("ATS_LAMBDA_NODEJS22", wrong.toString()));

        assertThat(interpreters.missing(LambdaRuntime.NODEJS22)).isPresent();
    }

    @Test
    void a_jdk_under_the_jvm_directory_runs_java21_and_python_is_checked_by_its_version() throws IOException {
        fake(jvms.resolve("java-21-openjdk-amd64").resolve("bin"), "java", "openjdk version \"21.0.2\" 2024-01-16");
        fake(bin, "python3", "Python 3.11.7");
        Interpreters interpreters = interpreters(Map.of());

        assertThat(interpreters.find(LambdaRuntime.JAVA21)).map(Interpreters.Found::binary)
                .contains(jvms.resolve("java-21-openjdk-amd64/bin/java"));
        assertThat(interpreters.find(LambdaRuntime.PYTHON311)).map(Interpreters.Found::binary).contains(bin.resolve("python3"));
        assertThat(interpreters.missing(LambdaRuntime.PYTHON312)).hasValueSatisfying(why -> assertThat(why)
                .contains("needs Python 3.12").contains("python3.12").contains("ATS_LAMBDA_PYTHON3_12"));
    }

    @Test
    void the_nearest_runtime_opt_in_runs_on_the_version_there_is_with_a_warning() throws IOException {
        fake(bin, "node", "v20.11.0");

        Interpreters interpreters = interpreters(Map.of("ATS_LAMBDA_NEAREST_RUNTIME", "true"));

        assertThat(interpreters.missing(LambdaRuntime.NODEJS22)).isEmpty();
        assertThat(interpreters.find(LambdaRuntime.NODEJS22).orElseThrow().warning())
                .startsWith("WARNING: nodejs22.x runs on " + bin.resolve("node") + " (version 20.11.0)")
                .contains("on Lambda it runs on Node.js 22");
    }
}
