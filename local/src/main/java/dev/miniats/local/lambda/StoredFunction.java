package dev.miniats.local.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user function as stored: every version ({@code $LATEST} and the published ones, by version
 * string), its aliases, reserved concurrency (null when unreserved) and resource policy. Immutable;
 * {@link FunctionStore} replaces it on every change.
 */
record StoredFunction(String name, Map<String, FunctionConfiguration> versions, Map<String, LambdaShapes.AliasConfiguration> aliases,
                      Integer reservedConcurrency, List<PolicyStatement> policy) {
    StoredFunction {
        versions = Map.copyOf(versions);
        aliases = Map.copyOf(aliases);
        policy = List.copyOf(policy);
    }

    FunctionConfiguration latest() {
        return versions.get(FunctionConfiguration.LATEST);
    }

    /** The configuration a qualifier names: null or {@code $LATEST}, a version number, or an alias; null when none. */
    FunctionConfiguration resolve(String qualifier) {
        if (qualifier == null || qualifier.isEmpty()) {
            return latest();
        }
        LambdaShapes.AliasConfiguration alias = aliases.get(qualifier);
        return versions.get(alias != null ? alias.functionVersion() : qualifier);
    }

    /** Published versions in numeric order, after {@code $LATEST}, as ListVersionsByFunction answers. */
    List<FunctionConfiguration> versionList() {
        TreeMap<Integer, FunctionConfiguration> numbered = new TreeMap<>();
        versions.forEach((v, c) -> {
            if (!FunctionConfiguration.LATEST.equals(v)) {
                numbered.put(Integer.parseInt(v), c);
            }
        });
        List<FunctionConfiguration> out = new java.util.ArrayList<>();
        out.add(latest());
        out.addAll(numbered.values());
        return out;
    }

    int nextVersion() {
        return versions.keySet().stream().filter(v -> !FunctionConfiguration.LATEST.equals(v)).mapToInt(Integer::parseInt)
                .max().orElse(0) + 1;
    }

    StoredFunction withVersion(FunctionConfiguration configuration) {
        Map<String, FunctionConfiguration> next = new LinkedHashMap<>(versions);
        next.put(configuration.version(), configuration);
        return new StoredFunction(name, next, aliases, reservedConcurrency, policy);
    }

    StoredFunction withAlias(LambdaShapes.AliasConfiguration alias, boolean remove) {
        Map<String, LambdaShapes.AliasConfiguration> next = new LinkedHashMap<>(aliases);
        if (remove) {
            next.remove(alias.name());
        } else {
            next.put(alias.name(), alias);
        }
        return new StoredFunction(name, versions, next, reservedConcurrency, policy);
    }

    StoredFunction withConcurrency(Integer reserved) {
        return new StoredFunction(name, versions, aliases, reserved, policy);
    }

    StoredFunction withPolicy(List<PolicyStatement> statements) {
        return new StoredFunction(name, versions, aliases, reservedConcurrency, statements);
    }
}
