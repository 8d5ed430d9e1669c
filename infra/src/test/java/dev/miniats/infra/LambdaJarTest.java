package dev.miniats.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaJarTest {

    @Test
    void the_jar_is_found_from_the_infra_directory_where_the_cdk_cli_runs_the_app(@TempDir Path repository) throws Exception {
        Path jar = shadedJar(repository, "1.2.3");
        Path infra = Files.createDirectories(repository.resolve("infra"));

        assertThat(LambdaJar.locateFrom(infra, "1.2.3")).isEqualTo(jar);
    }

    @Test
    void the_jar_is_found_from_the_repository_root(@TempDir Path repository) throws Exception {
        Path jar = shadedJar(repository, "1.2.3");

        assertThat(LambdaJar.locateFrom(repository, "1.2.3")).isEqualTo(jar);
    }

    @Test
    void a_jar_of_another_version_is_not_taken_for_this_one(@TempDir Path repository) throws Exception {
        shadedJar(repository, "1.2.2");

        assertThatThrownBy(() -> LambdaJar.locateFrom(repository, "1.2.3"))
                .isInstanceOf(LambdaJarNotFoundException.class)
                .hasMessageContaining("functions-1.2.3-lambda.jar")
                .hasMessageContaining("mvn -pl core,functions -am package");
    }

    @Test
    void the_version_is_the_one_maven_built() {
        assertThat(LambdaJar.version()).isNotBlank().doesNotContain("${");
        assertThat(LambdaJar.locate().getFileName().toString()).isEqualTo("functions-" + LambdaJar.version() + "-lambda.jar");
    }

    private static Path shadedJar(Path repository, String version) throws Exception {
        Path target = Files.createDirectories(repository.resolve("functions/target"));
        return Files.writeString(target.resolve("functions-" + version + "-lambda.jar"), "not really a jar");
    }
}
