package dev.miniats.local.iam;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryRouter;
import dev.miniats.local.aws.QueryXml;
import software.amazon.awssdk.arns.Arn;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * IAM over the Query protocol, version 2010-05-08 (https://docs.aws.amazon.com/IAM/latest/APIReference/):
 * roles, their inline and attached policies, and customer managed policies. What {@code aws iam}
 * and the SDKs' IamClient speak. Thread-safe: it keeps no state of its own.
 */
final class IamApi {
    /** IAM's quota on a trust policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    private static final int TRUST_POLICY_MAX_CHARS = 2_048;

    private final RoleStore roles;
    private final PolicyStore policies;
    private final Ids ids;
    private final Arns arns;
    private final Clock clock;

    IamApi(RoleStore roles, PolicyStore policies, Ids ids, Arns arns, Clock clock) {
        this.roles = roles;
        this.policies = policies;
        this.ids = ids;
        this.arns = arns;
        this.clock = clock;
    }

    QueryRouter router() {
        QueryRouter r = new QueryRouter("iam", "2010-05-08");
        r.on("CreateRole", (p, x, call) -> IamXml.role(x, "Role", createRole(p)));
        r.on("GetRole", (p, x, call) -> IamXml.role(x, "Role", roles.require(roleName(p))));
        r.on("ListRoles", (p, x, call) -> {
            String prefix = p.optional("PathPrefix") == null ? "/" : p.optional("PathPrefix");
            List<Role> all = roles.list().stream().filter(role -> role.path().startsWith(prefix)).toList();
            IamXml.page(x, p, "Roles", all, role -> IamXml.role(x, "member", role));
        });
        r.on("DeleteRole", (p, x, call) -> roles.delete(roleName(p)));
        r.on("UpdateAssumeRolePolicy", (p, x, call) -> roles.update(roleName(p), trustPolicy(p, "PolicyDocument"), null, null));
        r.on("UpdateRole", (p, x, call) -> roles.update(roleName(p), null, Validation.description(p),
                p.optional("MaxSessionDuration") == null ? null : Validation.number(p, "MaxSessionDuration", 3600, 3600, 43_200)));
        r.on("PutRolePolicy", (p, x, call) -> {
            String document = Validation.document(p, "PolicyDocument", PolicyDocument.Kind.IDENTITY);
            roles.putPolicy(roleName(p), Validation.name(p, "PolicyName", 128), document);
        });
        r.on("GetRolePolicy", (p, x, call) -> {
            Role role = roles.require(roleName(p));
            String name = Validation.name(p, "PolicyName", 128);
            String document = roles.policy(role.name(), name)
                    .orElseThrow(() -> IamException.noSuchEntity("The role policy with name " + name + " cannot be found."));
            x.element("RoleName", role.name()).element("PolicyName", name).element("PolicyDocument", IamXml.encoded(document));
        });
        r.on("DeleteRolePolicy", (p, x, call) -> roles.deletePolicy(roleName(p), Validation.name(p, "PolicyName", 128)));
        r.on("ListRolePolicies", (p, x, call) ->
                IamXml.page(x, p, "PolicyNames", roles.policyNames(roleName(p)), name -> x.element("member", name)));
        r.on("AttachRolePolicy", (p, x, call) -> roles.attach(roleName(p), policyArn(p)));
        r.on("DetachRolePolicy", (p, x, call) -> roles.detach(roleName(p), policyArn(p)));
        r.on("ListAttachedRolePolicies", (p, x, call) -> {
            Role role = roles.require(roleName(p));
            IamXml.page(x, p, "AttachedPolicies", roles.attached(role.name()), arn ->
                    x.start("member").element("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).element("PolicyArn", arn).end());
        });
        r.on("CreatePolicy", (p, x, call) -> IamXml.policy(x, "Policy", createPolicy(p), 0));
        r.on("GetPolicy", (p, x, call) -> {
            ManagedPolicy policy = policies.require(policyArn(p));
            IamXml.policy(x, "Policy", policy, policies.attachmentCount(policy.arn()));
        });
        r.on("DeletePolicy", (p, x, call) -> policies.delete(policyArn(p)));
        r.on("GetPolicyVersion", (p, x, call) -> IamXml.version(x, version(p)));
        r.on("ListPolicyVersions", (p, x, call) -> {
            ManagedPolicy policy = policies.require(policyArn(p));
            x.start("Versions").start("member");
            IamXml.version(x, policy);
            x.end().end().element("IsTruncated", false);
        });
        r.on("ListPolicies", (p, x, call) -> listPolicies(p, x));
        return r;
    }

    Role createRole(QueryParams p) {
        String name = Validation.name(p, "RoleName", 64);
        String path = Validation.path(p);
        String trust = trustPolicy(p, "AssumeRolePolicyDocument");
        int maxSession = Validation.number(p, "MaxSessionDuration", 3600, 3600, 43_200);
        Role role = new Role(name, path, ids.roleId(), arns.global("iam", "role" + path + name), trust, Validation.description(p),
                maxSession, clock.millis());
        roles.create(role);
        return role;
    }

    /** A trust policy parameter within IAM's 2,048-character quota. */
    private static String trustPolicy(QueryParams p, String parameter) {
        String trust = Validation.document(p, parameter, PolicyDocument.Kind.TRUST);
        if (RoleStore.nonWhitespace(trust) > TRUST_POLICY_MAX_CHARS) {
            throw IamException.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_MAX_CHARS);
        }
        return trust;
    }

    private ManagedPolicy createPolicy(QueryParams p) {
        String name = Validation.name(p, "PolicyName", 128);
        String path = Validation.path(p);
        String document = Validation.document(p, "PolicyDocument", PolicyDocument.Kind.IDENTITY);
        long now = clock.millis();
        ManagedPolicy policy = new ManagedPolicy(name, path, ids.policyId(), arns.global("iam", "policy" + path + name),
                Validation.description(p), "v1", document, now, now, false);
        policies.create(policy);
        return policy;
    }

    private ManagedPolicy version(QueryParams p) {
        ManagedPolicy policy = policies.require(policyArn(p));
        String version = p.required("VersionId");
        if (!version.equals(policy.versionId())) {
            throw IamException.noSuchEntity("Policy " + policy.arn() + " version " + version + " does not exist or is not attachable.");
        }
        return policy;
    }

    private void listPolicies(QueryParams p, QueryXml x) {
        String scope = p.optional("Scope") == null ? "All" : p.optional("Scope");
        if (!Set.of("All", "AWS", "Local").contains(scope)) {
            throw IamException.validationError("1 validation error detected: Value '" + scope
                    + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        boolean onlyAttached = "true".equalsIgnoreCase(p.optional("OnlyAttached"));
        String prefix = p.optional("PathPrefix") == null ? "/" : p.optional("PathPrefix");
        List<ManagedPolicy> all = policies.list(scope).stream().filter(policy -> policy.path().startsWith(prefix))
                .filter(policy -> !onlyAttached || policies.attachmentCount(policy.arn()) > 0).toList();
        IamXml.page(x, p, "Policies", all, policy -> IamXml.policy(x, "member", policy, policies.attachmentCount(policy.arn())));
    }

    private static String roleName(QueryParams p) {
        return Validation.name(p, "RoleName", 64);
    }

    /** A policy ARN ({@code arn:aws:iam::ACCOUNT|aws:policy/...}); {@code InvalidInput} otherwise, as IAM answers. */
    private static String policyArn(QueryParams p) {
        String value = p.required("PolicyArn");
        Arn arn = Arns.parse(value);
        if (arn == null || !arn.service().equals("iam") || !arn.resourceAsString().startsWith("policy/")) {
            throw IamException.invalidInput("ARN " + value + " is not valid.");
        }
        return value;
    }
}
