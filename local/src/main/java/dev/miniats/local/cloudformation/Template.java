package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read and checked template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html):
 * its resources, the dependencies between them (DependsOn and every Ref, Fn::GetAtt and Fn::Sub
 * reference) and the order they are created in. Every reference resolves and there is no cycle,
 * or it is a ValidationError before anything is created. Immutable.
 */
final class Template {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final String body;
    private final ObjectNode tree;
    private final TemplateParameters parameters;
    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();
    private final Map<String, Set<String>> dependencies = new LinkedHashMap<>();
    private final List<String> order;

    private Template(String body, ObjectNode tree) {
        this.body = body;
        this.tree = tree;
        this.parameters = TemplateParameters.of(tree);
        JsonNode section = tree.path("Resources");
        if (!section.isObject() || section.isEmpty()) {
            throw CfnException.invalid("Template format error: At least one Resources member must be defined.");
        }
        section.properties().forEach(e -> {
            if (!e.getValue().isObject() || !e.getValue().path("Type").isTextual()) {
                throw CfnException.invalid("Template format error: [/Resources/" + e.getKey() + "] Every Resources object must contain a Type member.");
            }
            resources.put(e.getKey(), (ObjectNode) e.getValue());
        });
        Set<String> unresolved = new TreeSet<>();
        resources.forEach((id, resource) -> {
            Set<String> deps = new LinkedHashSet<>();
            JsonNode dependsOn = resource.path("DependsOn");
            if (dependsOn.isTextual()) {
                deps.add(dependsOn.asText());
            } else {
                dependsOn.forEach(d -> deps.add(d.asText()));
            }
            deps.stream().filter(d -> !resources.containsKey(d)).forEach(unresolved::add);
            Set<String> refs = new LinkedHashSet<>();
            references(resource.path("Properties"), refs);
            references(resource.path("Condition"), refs);
            for (String ref : refs) {
                if (resources.containsKey(ref)) {
                    deps.add(ref);
                } else if (!isParameterOrPseudo(ref)) {
                    unresolved.add(ref);
                }
            }
            dependencies.put(id, deps);
        });
        if (!unresolved.isEmpty()) {
            throw CfnException.invalid("Template format error: Unresolved resource dependencies " + unresolved
                    + " in the Resources block of the template");
        }
        Set<String> outputRefs = new LinkedHashSet<>();
        references(tree.path("Outputs"), outputRefs);
        List<String> badOutputs = outputRefs.stream().filter(r -> !resources.containsKey(r) && !isParameterOrPseudo(r)).sorted().toList();
        if (!badOutputs.isEmpty()) {
            throw CfnException.invalid("Template format error: Unresolved resource dependencies " + badOutputs
                    + " in the Outputs block of the template");
        }
        this.order = topological();
    }

    /**
     * Reads and checks a template (a TemplateBody, or a template read from a TemplateURL, whose
     * limit is TemplateUrls' 1 MB); a ValidationError with CloudFormation's message when it is not valid.
     */
    static Template parse(String body) {
        return new Template(body, TemplateReader.read(body));
    }

    /** CloudFormation's limit for a TemplateBody (51,200 bytes); larger templates go through S3. */
    static String checkBodySize(String body) {
        if (body != null && body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > TemplateReader.MAX_BODY_BYTES) {
            throw CfnException.invalid("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + TemplateReader.MAX_BODY_BYTES);
        }
        return body;
    }

    private boolean isParameterOrPseudo(String name) {
        return parameters.declared().containsKey(name) || name.startsWith("AWS::");
    }

    /** Every name a node refers to by Ref, Fn::GetAtt or a Fn::Sub variable. */
    static void references(JsonNode node, Set<String> out) {
        if (node.isArray()) {
            node.forEach(n -> references(n, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1 && node.has("Ref") && node.get("Ref").isTextual()) {
            out.add(node.get("Ref").asText());
            return;
        }
        if (node.size() == 1 && node.has("Fn::GetAtt")) {
            JsonNode args = node.get("Fn::GetAtt");
            if (args.isArray() && !args.isEmpty() && args.get(0).isTextual()) {
                out.add(args.get(0).asText());
            } else if (args.isTextual()) {
                out.add(args.asText().split("\\.", 2)[0]);
            }
            return;
        }
        if (node.size() == 1 && node.has("Fn::Sub")) {
            JsonNode args = node.get("Fn::Sub");
            String text = args.isTextual() ? args.asText() : args.path(0).asText("");
            JsonNode vars = args.isArray() ? args.path(1) : null;
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1).strip().split("\\.", 2)[0];
                if (vars == null || !vars.has(m.group(1).strip())) {
                    out.add(m.group(1).strip().startsWith("AWS::") ? m.group(1).strip() : name);
                }
            }
            if (vars != null) {
                references(vars, out);
            }
            return;
        }
        node.forEach(n -> references(n, out));
    }

    private List<String> topological() {
        List<String> sorted = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (String id : resources.keySet()) {
            visit(id, state, sorted, new ArrayList<>());
        }
        return List.copyOf(sorted);
    }

    private void visit(String id, Map<String, Integer> state, List<String> sorted, List<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            throw CfnException.invalid("Circular dependency between resources: " + new TreeSet<>(cycle));
        }
        state.put(id, 1);
        path.add(id);
        for (String dep : dependencies.get(id)) {
            visit(dep, state, sorted, path);
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
        sorted.add(id);
    }

    String body() {
        return body;
    }

    ObjectNode tree() {
        return tree;
    }

    TemplateParameters parameters() {
        return parameters;
    }

    String description() {
        return tree.path("Description").asText(null);
    }

    Map<String, ObjectNode> resources() {
        return resources;
    }

    /** Logical ids in an order where each comes after everything it depends on. */
    List<String> order() {
        return order;
    }

    Set<String> dependencies(String logicalId) {
        return dependencies.getOrDefault(logicalId, Set.of());
    }

    /** The capability creating this template's IAM resources needs, or null: NAMED when a role or policy is given a name. */
    String requiredCapability() {
        String needed = null;
        for (ObjectNode r : resources.values()) {
            String type = r.path("Type").asText();
            if (type.startsWith("AWS::IAM::")) {
                if (r.path("Properties").has("RoleName") || r.path("Properties").has("ManagedPolicyName")) {
                    return "CAPABILITY_NAMED_IAM";
                }
                needed = "CAPABILITY_IAM";
            }
        }
        return needed;
    }
}
