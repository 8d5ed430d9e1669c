package dev.miniats.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies the runtime knows, with their real documents, read once from the data
 * files in {@code aws-managed-policies/} (copied from the AWS Managed Policy reference,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html). Their policy
 * ids are stable per name, not AWS's. Immutable, so thread-safe.
 */
final class AwsManagedPolicies {
    static final List<String> NAMES = List.of("AmazonSESFullAccess", "AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess",
            "AWSLambdaSQSQueueExecutionRole", "AmazonDynamoDBFullAccess",
            // the CDK bootstrap stack's roles attach these three
            "AdministratorAccess", "AWSCloudFormationReadOnlyAccess", "ReadOnlyAccess");

    private final Map<String, ManagedPolicy> byArn = new LinkedHashMap<>();

    AwsManagedPolicies() {
        for (String name : NAMES) {
            ManagedPolicy policy = load(name);
            byArn.put(policy.arn(), policy);
        }
    }

    Optional<ManagedPolicy> get(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    List<ManagedPolicy> all() {
        return List.copyOf(byArn.values());
    }

    private static ManagedPolicy load(String name) {
        String file = "aws-managed-policies/" + name + ".json";
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + file);
            }
            JsonNode n = Json.MAPPER.readTree(in);
            String path = n.get("Path").asText();
            String document = Json.MAPPER.writeValueAsString(n.get("Document"));
            PolicyDocument.parse(document, PolicyDocument.Kind.IDENTITY); // a broken data file fails at start, not at the first check
            return new ManagedPolicy(name, path, Ids.stablePolicyId(name), "arn:aws:iam::aws:policy" + path + name,
                    n.get("Description").asText(), n.get("DefaultVersionId").asText(), document,
                    Instant.parse(n.get("CreateDate").asText()).toEpochMilli(), Instant.parse(n.get("UpdateDate").asText()).toEpochMilli(),
                    true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
