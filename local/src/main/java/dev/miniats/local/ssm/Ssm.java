package dev.miniats.local.ssm;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.JsonRouter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * AWS Systems Manager Parameter Store over the JSON 1.1 protocol, target prefix {@code AmazonSSM.}
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/): PutParameter, GetParameter,
 * GetParameters, DeleteParameter and DeleteParameters — what {@code cdk bootstrap} and
 * {@code cdk deploy} call (the CLI reads {@code /cdk-bootstrap/<qualifier>/version}), and what a
 * user's scripts usually need. Only the latest version of a parameter is kept. Thread-safe.
 */
public final class Ssm implements AwsService {
    /** GetParameters takes at most 10 names (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html). */
    private static final int MAX_NAMES = 10;

    private final ParameterStore store;
    private final Arns arns;

    public Ssm(ParameterStore store, Arns arns) {
        this.store = store;
        this.arns = arns;
    }

    record PutParameterRequest(String name, String description, String value, String type, Boolean overwrite, String allowedPattern,
                               String dataType, String tier) {
    }

    record PutParameterResponse(long version, String tier) {
    }

    record GetParameterRequest(String name, Boolean withDecryption) {
    }

    record GetParameterResponse(ParameterAnswer parameter) {
    }

    /** A parameter as GetParameter answers it; LastModifiedDate in epoch seconds, as JSON 1.1 writes timestamps. */
    record ParameterAnswer(String name, String type, String value, long version, String selector, double lastModifiedDate,
                           @JsonProperty("ARN") String arn, String dataType) {
    }

    record GetParametersRequest(List<String> names, Boolean withDecryption) {
    }

    record GetParametersResponse(List<ParameterAnswer> parameters, List<String> invalidParameters) {
    }

    record DeleteParameterRequest(String name) {
    }

    record DeleteParametersRequest(List<String> names) {
    }

    record DeleteParametersResponse(List<String> deletedParameters, List<String> invalidParameters) {
    }

    @Override
    public void register(AwsRoutes routes) {
        JsonRouter r = new JsonRouter("ssm", "AmazonSSM.");
        r.on("PutParameter", PutParameterRequest.class, (q, call) -> {
            if ("Advanced".equals(q.tier()) || "Intelligent-Tiering".equals(q.tier())) {
                throw SsmException.invalid("Tier " + q.tier() + " is not available locally; expected Standard");
            }
            long version = store.put(new ParameterStore.Put(q.name(), q.type(), q.value(), q.description(), q.allowedPattern(),
                    q.dataType(), Boolean.TRUE.equals(q.overwrite())));
            return new PutParameterResponse(version, "Standard");
        });
        r.on("GetParameter", GetParameterRequest.class, (q, call) ->
                new GetParameterResponse(get(q.name(), Boolean.TRUE.equals(q.withDecryption()))));
        r.on("GetParameters", GetParametersRequest.class, this::getParameters);
        r.on("DeleteParameter", DeleteParameterRequest.class, (q, call) -> {
            store.delete(required(q.name(), "name"));
            return null;
        });
        r.on("DeleteParameters", DeleteParametersRequest.class, (q, call) -> {
            List<String> deleted = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            for (String name : names(q.names())) {
                if (store.find(name).isPresent()) {
                    store.delete(name);
                    deleted.add(name);
                } else {
                    invalid.add(name);
                }
            }
            return new DeleteParametersResponse(deleted, invalid);
        });
        routes.json(r);
    }

    private GetParametersResponse getParameters(GetParametersRequest q, AwsRequest call) {
        List<ParameterAnswer> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String name : names(q.names())) {
            try {
                found.add(get(name, Boolean.TRUE.equals(q.withDecryption())));
            } catch (SsmException e) {
                invalid.add(name); // GetParameters lists what it could not read instead of failing
            }
        }
        return new GetParametersResponse(found, invalid);
    }

    /** {@code name} or {@code name:version}; a label selector is not kept locally, so it is not found. */
    private ParameterAnswer get(String nameAndSelector, boolean decrypt) {
        String spec = required(nameAndSelector, "name");
        int colon = spec.lastIndexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String selector = colon < 0 ? null : spec.substring(colon + 1);
        Parameter p = store.require(name);
        if (selector != null && !selector.equals(Long.toString(p.version()))) {
            throw SsmException.versionNotFound(name, selector);
        }
        // No KMS locally: without WithDecryption a SecureString answers a stand-in for its ciphertext, as the real value is not shown.
        String value = p.type().equals("SecureString") && !decrypt
                ? Base64.getEncoder().encodeToString(p.value().getBytes(StandardCharsets.UTF_8)) : p.value();
        return new ParameterAnswer(p.name(), p.type(), value, p.version(), selector == null ? null : ":" + selector,
                p.modifiedAt() / 1000.0, arn(p.name()), p.dataType());
    }

    /** {@code arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>}. */
    public String arn(String name) {
        return arns.of("ssm", "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    private static List<String> names(List<String> names) {
        if (names == null || names.isEmpty() || names.size() > MAX_NAMES) {
            throw SsmException.invalid("1 validation error detected: Value at 'names' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_NAMES + " and greater than or equal to 1");
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static String required(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw SsmException.invalid("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }
}
