package dev.miniats.local.lambda;

import dev.miniats.local.AwsCliEndToEndTest;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A runtime whose interpreter version is missing is refused by create-function, naming what to install; nothing is created. */
@Tag("e2e")
class MissingInterpreterCliTest {
    @Test
    void create_function_for_nodejs22_on_a_machine_with_node_20_fails_naming_node_22(@TempDir Path dataDir, @TempDir Path bin,
                                                                                      @TempDir Path dir) throws Exception {
        Path node = bin.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho v20.11.0\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts()
                .lambdaSettings(Map.of("PATH", bin.toString())).build())) {
            new UserFunctionsHttp(runtime).withRole();

            AwsCliEndToEndTest.CliResult refused = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "create-function",
                    "--function-name", "greet", "--runtime", "nodejs22.x", "--handler", "index.handler", "--role", UserFunctionsHttp.ROLE,
                    "--zip-file", Zips.file(dir, "fn.zip", Zips.of(Map.of("index.mjs", "export const handler = async () => 1;"))));

            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("InvalidParameterValueException")
                    .contains("The runtime nodejs22.x needs Node.js 22").contains(node + " is version 20.11.0")
                    .contains("ATS_LAMBDA_NODEJS22").contains("ATS_LAMBDA_NEAREST_RUNTIME=true");
            AwsCliEndToEndTest.CliResult get = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "get-function", "--function-name",
                    "greet");
            assertThat(get.stderr()).as("nothing half-created").contains("ResourceNotFoundException");
        }
    }
}
