package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CDK CLI (from npm, version {@value #CLI_PROPERTY} in infra's pom) against the local
 * runtime, from {@code infra/}: {@code cdk bootstrap}, {@code cdk synth} of this app,
 * {@code cdk deploy} of what it synthesized and {@code cdk destroy}. Only AWS_ENDPOINT_URL and
 * local credentials point it at the runtime; the CLI is not patched. Prints the time of each step.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdkDeployLocallyTest {
    static final String CLI_PROPERTY = "mini-ats.cdk-cli-version";
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static final String QUALIFIER = "hnb659fds";
    private static final Path INFRA = Path.of("").toAbsolutePath();

    @TempDir
    static Path work;
    static LocalProcesses local;
    static Path cdk;
    static Path assembly;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("mini-ats.local-jar"));
        // the reactor builds local before infra (module order); run alone, build it first: mvn -pl local,infra -am verify
        assertThat(jar).as("the local runtime's jar; build the local module first").isRegularFile();
        local = LocalProcesses.start(jar, work);
        cdk = installCli(System.getProperty(CLI_PROPERTY));
        assembly = work.resolve("cdk.out");
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /** {@code npm install --prefix target/cdk-cli aws-cdk@<version>}, once per version; the CLI's path. */
    private static Path installCli(String version) throws Exception {
        Path prefix = INFRA.resolve("target/cdk-cli");
        Path cli = prefix.resolve("node_modules/.bin/cdk");
        Path installed = prefix.resolve("node_modules/aws-cdk/package.json");
        if (!Files.isRegularFile(installed) || !Files.readString(installed).contains("\"version\": \"" + version + "\"")) {
            LocalProcesses.Result r = local.run(INFRA, Duration.ofMinutes(5), List.of("npm", "install", "--prefix", prefix.toString(),
                    "--no-audit", "--no-fund", "--no-save", "aws-cdk@" + version));
            assertThat(r.exitCode()).as("npm install aws-cdk@%s: %s", version, r.output()).isZero();
        }
        return cli;
    }

    private static LocalProcesses.Result cdk(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cdk.toString()));
        command.addAll(List.of(args));
        command.add("--no-notices"); // notices are fetched from the internet
        long start = System.nanoTime();
        LocalProcesses.Result r = local.run(INFRA, Duration.ofMinutes(8), command);
        System.out.printf("cdk %s: %d ms%n", args[0], (System.nanoTime() - start) / 1_000_000);
        assertThat(r.exitCode()).as("cdk %s printed:%n%s", String.join(" ", args), r.output()).isZero();
        return r;
    }

    private static JsonNode stack(String name) throws Exception {
        return local.aws(INFRA, "cloudformation", "describe-stacks", "--stack-name", name).get("Stacks").get(0);
    }

    private static Map<String, String> outputs(JsonNode stack) {
        Map<String, String> out = new HashMap<>();
        stack.path("Outputs").forEach(o -> out.put(o.get("OutputKey").asText(), o.get("OutputValue").asText()));
        return out;
    }

    @Test
    @Order(1)
    void cdk_synth_runs_the_app_and_writes_the_stack_template() throws Exception {
        // cdk.json's app without its Maven step: Maven already built these classes and the jar
        String classpath = INFRA.resolve("target/classes") + ":" + Files.readString(INFRA.resolve("target/cdk.classpath")).strip();
        cdk("synth", "--app", "java -cp " + classpath + " " + MiniAtsApp.class.getName(), "-c", "senderIdentity=hiring@example.com",
                "--output", assembly.toString(), "--quiet");

        assertThat(assembly.resolve("MiniAts.template.json")).isRegularFile();
        assertThat(Files.readString(assembly.resolve("MiniAts.template.json"))).contains("CheckBootstrapVersion");
    }

    @Test
    @Order(2)
    void cdk_bootstrap_creates_the_toolkit_stack_in_the_runtimes_own_services() throws Exception {
        cdk("bootstrap", "aws://" + ACCOUNT + "/" + REGION, "--app", assembly.toString());

        JsonNode toolkit = stack("CDKToolkit");
        assertThat(toolkit.get("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
        String version = local.aws(INFRA, "ssm", "get-parameter", "--name", "/cdk-bootstrap/" + QUALIFIER + "/version")
                .get("Parameter").get("Value").asText();
        assertThat(version).isEqualTo(outputs(toolkit).get("BootstrapVersion"));
        assertThat(outputs(toolkit).get("BucketName")).isEqualTo("cdk-" + QUALIFIER + "-assets-" + ACCOUNT + "-" + REGION);
        local.aws(INFRA, "s3api", "head-bucket", "--bucket", outputs(toolkit).get("BucketName"));
        assertThat(local.aws(INFRA, "ecr", "describe-repositories").get("repositories").findValuesAsText("repositoryName"))
                .contains("cdk-" + QUALIFIER + "-container-assets-" + ACCOUNT + "-" + REGION);
        assertThat(local.aws(INFRA, "iam", "get-role", "--role-name", "cdk-" + QUALIFIER + "-deploy-role-" + ACCOUNT + "-" + REGION)
                .get("Role").get("Arn").asText()).endsWith(":role/cdk-" + QUALIFIER + "-deploy-role-" + ACCOUNT + "-" + REGION);
    }

    @Test
    @Order(3)
    void cdk_deploy_creates_the_synthesized_stack_with_its_bootstrap_version_checked() throws Exception {
        // the candidate links' secret, which the stack reads from Parameter Store (infra/DEPLOY.md, "The link secret")
        local.aws(INFRA, "ssm", "put-parameter", "--name", "/mini-ats/link-secret", "--type", "String",
                "--value", "cdk-deploy-locally-test-link-secret-0123456789", "--overwrite");
        LocalProcesses.Result deploy = cdk("deploy", "--app", assembly.toString(), "--require-approval", "never", "--progress", "events");

        JsonNode stack = stack("MiniAts");
        assertThat(stack.get("StackStatus").asText()).as(deploy.output()).isEqualTo("CREATE_COMPLETE");
        // the CheckBootstrapVersion rule passed with BootstrapVersion read from SSM; the stack shows the parameter's name
        assertThat(stack.get("Parameters").toString()).contains("/cdk-bootstrap/" + QUALIFIER + "/version");
        assertThat(stack.get("Parameters").toString()).contains("/mini-ats/link-secret");
        assertThat(outputs(stack)).isNotEmpty();
        assertThat(local.aws(INFRA, "lambda", "list-functions").get("Functions").findValuesAsText("FunctionName"))
                .contains("mini-ats-send-assessment");
    }

    @Test
    @Order(4)
    void cdk_destroy_deletes_the_stack_and_keeps_the_toolkit() throws Exception {
        cdk("destroy", "--app", assembly.toString(), "--force");

        JsonNode stacks = local.aws(INFRA, "cloudformation", "list-stacks").get("StackSummaries");
        List<String> live = new ArrayList<>();
        stacks.forEach(s -> {
            if (!s.get("StackStatus").asText().equals("DELETE_COMPLETE")) {
                live.add(s.get("StackName").asText());
            }
        });
        assertThat(live).containsExactly("CDKToolkit");
        assertThat(local.aws(INFRA, "lambda", "list-functions").get("Functions").findValuesAsText("FunctionName"))
                .doesNotContain("mini-ats-send-assessment");
    }
}
