package dev.miniats.local.iam;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.Json;
import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryStrings;
import dev.miniats.local.sqlite.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * IAM for the rest of the runtime: the IAM Query API ({@link #register}), role sessions with
 * temporary credentials (what STS and function environments hand out), and permission checks of
 * role sessions against their identity policies. With {@code --iam enforce} a refused check
 * fails the request with {@code AccessDenied}; in the default record mode it is logged and
 * recorded ({@link #refusals}) and the request goes on. Requests with plain local credentials are
 * never checked. Thread-safe.
 */
public final class Iam implements AwsService {
    private static final Logger LOG = LoggerFactory.getLogger(Iam.class);
    /** How long a function environment's credentials last; Lambda refreshes them, locally an environment never lives that long. */
    static final Duration FUNCTION_CREDENTIALS = Duration.ofHours(12);

    private final Database db;
    private final Arns arns;
    private final Clock clock;
    private final boolean enforce;
    private final Ids ids;
    private final PolicyStore policies;
    private final RoleStore roles;
    private final Sessions sessions;
    private final Map<String, Compiled> compiledRoles = new ConcurrentHashMap<>();
    private final IamApi api;

    public Iam(Database db, Arns arns, Clock clock, boolean enforce) {
        this(db, arns, clock, enforce, new SecureRandom());
    }

    Iam(Database db, Arns arns, Clock clock, boolean enforce, RandomGenerator random) {
        this.db = db;
        this.arns = arns;
        this.clock = clock;
        this.enforce = enforce;
        this.ids = new Ids(random);
        this.policies = new PolicyStore(db, new AwsManagedPolicies());
        this.roles = new RoleStore(db, policies);
        this.sessions = new Sessions(db, clock, ids);
        this.api = new IamApi(roles, policies, ids, arns, clock);
    }

    /** A role as CloudFormation's AWS::IAM::Role answers it: Ref is the name, GetAtt Arn and RoleId. */
    public record RoleRef(String name, String arn, String roleId) {
    }

    /**
     * Creates a role with the IAM API's own checks (name, path, trust policy, description), for
     * CloudFormation's AWS::IAM::Role; {@link IamException} as {@code CreateRole} would answer.
     */
    public RoleRef createRole(String name, String path, String trustPolicy, String description) {
        Map<String, String> p = new java.util.HashMap<>();
        p.put("RoleName", name);
        p.put("AssumeRolePolicyDocument", trustPolicy);
        if (path != null) {
            p.put("Path", path);
        }
        if (description != null) {
            p.put("Description", description);
        }
        Role role = api.createRole(new QueryParams(p));
        return new RoleRef(role.name(), role.arn(), role.id());
    }

    /** PutRolePolicy with its checks: adds or replaces one inline policy. */
    public void putRolePolicy(String roleName, String policyName, String document) {
        roles.putPolicy(roleName, policyName,
                Validation.document(new QueryParams(Map.of("PolicyDocument", document)), "PolicyDocument", PolicyDocument.Kind.IDENTITY));
    }

    public void deleteRolePolicy(String roleName, String policyName) {
        roles.deletePolicy(roleName, policyName);
    }

    public void attachRolePolicy(String roleName, String policyArn) {
        roles.attach(roleName, policyArn);
    }

    /** Deletes a role with everything on it (detaches managed policies, deletes inline ones), as CloudFormation does; no-op when gone. */
    public void deleteRoleCompletely(String roleName) {
        if (roles.find(roleName).isEmpty()) {
            return;
        }
        roles.attached(roleName).forEach(arn -> roles.detach(roleName, arn));
        roles.policyNames(roleName).forEach(name -> roles.deletePolicy(roleName, name));
        roles.delete(roleName);
    }

    /** Temporary credentials, as a function's process gets them in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        public Credentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }
    }

    /** A role session: who a request signed with {@code credentials.accessKeyId()} is, until {@code expiration}. */
    public record Session(String roleArn, String roleId, String sessionName, Credentials credentials, Instant expiration) {
        /** {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}: the role's name without its path, as STS writes it. */
        public String assumedRoleArn() {
            String account = Arns.parse(roleArn).accountId().orElse("");
            return "arn:aws:sts::" + account + ":assumed-role/" + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/" + sessionName;
        }

        /** {@code ROLEID:SESSION}, the caller's UserId. */
        public String assumedRoleId() {
            return roleId + ":" + sessionName;
        }
    }

    /** How a request was decided (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). */
    public enum Outcome { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /**
     * The decision, with the condition keys of statements that matched the action and resource but
     * whose Condition the runtime could not evaluate; such a statement was not applied (neither
     * its Allow nor its Deny), so a non-empty set means AWS might decide otherwise.
     */
    public record Decision(Outcome outcome, Set<String> unevaluatedConditionKeys) {
        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            unevaluatedConditionKeys = Set.copyOf(unevaluatedConditionKeys);
        }

        public boolean allowed() {
            return outcome == Outcome.ALLOW;
        }
    }

    /** A check that refused ({@code enforced}) or would have refused (record mode). */
    public record Refusal(Instant at, String principal, String action, String resource, boolean enforced, String reason) {
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.query(api.router());
        // what was refused or, in record mode, would have been: newest first, {"Refusals": [...]}
        routes.http().get("/_ats/iam/refusals", ctx -> Json.answer(ctx, "application/json", Map.of("Mode", enforce ? "enforce" : "record",
                "Refusals", refusals((int) QueryStrings.number(ctx, "limit", 100, 1, 1000)).stream().map(r -> Map.of("At", r.at().toString(),
                        "Principal", r.principal(), "Action", r.action(), "Resource", r.resource(), "Enforced", r.enforced(),
                        "Reason", r.reason())).toList())));
    }

    /** {@code --iam enforce}: refused checks fail their request; otherwise they are only recorded. */
    public boolean enforce() {
        return enforce;
    }

    public boolean roleExists(String roleArn) {
        return roleArn != null && compiled(roleArn).role() != null;
    }

    /**
     * Whether the role exists and its trust policy lets {@code servicePrincipal} (e.g.
     * {@code lambda.amazonaws.com}) assume it; Lambda refuses an execution role that fails this
     * ("The role defined for the function cannot be assumed by Lambda.").
     */
    public boolean trustsService(String roleArn, String servicePrincipal) {
        Optional<Role> role = roleArn == null ? Optional.empty() : roles.findByArn(roleArn);
        return role.isPresent() && Trust.allowsService(PolicyDocument.parse(role.get().trustPolicy(), PolicyDocument.Kind.TRUST), servicePrincipal);
    }

    /** Fresh temporary credentials for a function's execution role; {@code AwsException} 404 when the role does not exist. */
    public Credentials credentialsFor(String roleArn, String sessionName) {
        Role role = roles.findByArn(roleArn).orElseThrow(() -> IamException.noSuchEntity("The role " + roleArn + " cannot be found."));
        return sessions.issue(role, sessionName, FUNCTION_CREDENTIALS).credentials();
    }

    /**
     * STS AssumeRole by {@code callerArn}: a new session of the role for {@code duration}. Refused with
     * {@code AccessDenied} when the role does not exist, as STS does, and (enforce mode) when its
     * trust policy does not trust the caller; {@code ValidationError} when the duration passes the
     * role's MaxSessionDuration.
     */
    public Session assume(String callerArn, String roleArn, String sessionName, Duration duration) {
        String denied = "User: " + callerArn + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn;
        Role role = roles.findByArn(roleArn).orElseThrow(() -> new AccessDeniedException(denied));
        if (duration.toSeconds() > role.maxSessionDuration()) {
            throw IamException.validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        PolicyDocument trust = PolicyDocument.parse(role.trustPolicy(), PolicyDocument.Kind.TRUST);
        if (!Trust.allows(trust, callerArn)) {
            refuse(callerArn, "sts:AssumeRole", roleArn,
                    new AccessDeniedException(denied + " because the role's trust policy does not trust " + callerArn));
        }
        return sessions.issue(role, sessionName, duration);
    }

    /** The live session behind temporary credentials; empty for plain (local) keys and expired or unknown ones. */
    public Optional<Session> sessionOf(String accessKeyId) {
        return sessions.find(accessKeyId);
    }

    /** The role ARN behind temporary credentials. */
    public Optional<String> assumedRoleOf(String accessKeyId) {
        return sessions.find(accessKeyId).map(Session::roleArn);
    }

    /** Evaluates the role's attached managed and inline policies for {@code action} on {@code resourceArn}. */
    public Decision authorize(String principalRoleArn, String action, String resourceArn) {
        Compiled role = compiled(principalRoleArn);
        if (role.role() == null) {
            return new Decision(Outcome.IMPLICIT_DENY, Set.of());
        }
        return PolicyEvaluator.evaluate(role.policies(), action, resourceArn, requestContext(principalRoleArn, arns));
    }

    /** A role and its parsed policies as of {@code changes} (the role store's change count); role null when there is none. */
    private record Compiled(long changes, Role role, List<PolicyDocument> policies) {
    }

    /**
     * Every check would otherwise read the role and its policies from SQLite and re-parse them;
     * they change only through the role store, whose change count invalidates this cache.
     */
    private Compiled compiled(String roleArn) {
        long changes = roles.changes();
        Compiled known = compiledRoles.get(roleArn);
        if (known != null && known.changes() == changes) {
            return known;
        }
        Role role = roles.findByArn(roleArn).orElse(null);
        List<PolicyDocument> documents = new ArrayList<>();
        if (role != null) {
            for (String arn : roles.attached(role.name())) {
                policies.find(arn).ifPresent(p -> documents.add(PolicyDocument.parse(p.document(), PolicyDocument.Kind.IDENTITY)));
            }
            roles.policyDocuments(role.name()).forEach(d -> documents.add(PolicyDocument.parse(d, PolicyDocument.Kind.IDENTITY)));
        }
        if (compiledRoles.size() > 10_000) {
            compiledRoles.clear();
        }
        Compiled fresh = new Compiled(changes, role, List.copyOf(documents));
        compiledRoles.put(roleArn, fresh);
        return fresh;
    }

    /**
     * The condition keys the runtime knows for every request of a role session (lower-cased, as
     * key names compare): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html.
     * Every other key is reported as not evaluated.
     */
    static Map<String, String> requestContext(String roleArn, Arns arns) {
        return Map.of(
                "aws:principalarn", roleArn,
                "aws:principalaccount", arns.account(),
                "aws:principaltype", "AssumedRole",
                "aws:requestedregion", arns.region(),
                "aws:securetransport", "false");
    }

    /**
     * Whether a request signed with {@code accessKeyId} is checked at all: temporary credentials
     * start with {@code ASIA} (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes);
     * anything else is the plain local credentials, never checked.
     */
    public static boolean isTemporary(String accessKeyId) {
        return accessKeyId != null && accessKeyId.startsWith("ASIA");
    }

    /**
     * The hook a service calls before acting for a request signed with {@code accessKeyId}: nothing
     * for plain keys; for a role session, its policies must allow {@code action} on
     * {@code resourceArn}, else (enforce) {@code AccessDenied} with AWS's message, or (record) a
     * logged and recorded refusal. A temporary key with no live session (expired, or issued
     * elsewhere) is {@code ExpiredToken} the same way.
     */
    public void check(String accessKeyId, String action, String resourceArn) {
        if (!isTemporary(accessKeyId)) {
            return;
        }
        Optional<Session> session = sessions.find(accessKeyId);
        if (session.isEmpty()) {
            refuse(accessKeyId, action, resourceArn, IamException.expiredToken("The security token included in the request is expired"));
            return;
        }
        Decision decision = authorize(session.get().roleArn(), action, resourceArn);
        if (decision.allowed()) {
            return;
        }
        String because = decision.outcome() == Outcome.EXPLICIT_DENY
                ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + action + " action";
        String unevaluated = decision.unevaluatedConditionKeys().isEmpty() ? ""
                : " (condition keys not evaluated locally: " + String.join(", ", decision.unevaluatedConditionKeys()) + ")";
        refuse(session.get().assumedRoleArn(), action, resourceArn, new AccessDeniedException("User: " + session.get().assumedRoleArn()
                + " is not authorized to perform: " + action + " on resource: " + resourceArn + because + unevaluated));
    }

    /** The most recent refusals, newest first. */
    public List<Refusal> refusals(int limit) {
        return db.read(c -> Rows.query(c, "SELECT at, principal, action, resource, enforced, reason FROM iam_refusals ORDER BY id DESC LIMIT ?",
                rs -> new Refusal(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5) == 1, rs.getString(6)), limit));
    }

    /** Records {@code refusal}; throws it in enforce mode, logs it in record mode. */
    private void refuse(String principal, String action, String resource, AwsException refusal) {
        db.write(c -> Rows.update(c, "INSERT INTO iam_refusals (at, principal, action, resource, enforced, reason) VALUES (?,?,?,?,?,?)",
                clock.millis(), principal, action, resource, enforce ? 1 : 0, refusal.getMessage()));
        if (enforce) {
            throw refusal;
        }
        LOG.warn("IAM (record mode) would refuse: {} {}", refusal.code(), refusal.getMessage());
    }

    /** The role store this facade's cache follows: tests and benchmarks change roles through it. */
    RoleStore roles() {
        return roles;
    }
}
