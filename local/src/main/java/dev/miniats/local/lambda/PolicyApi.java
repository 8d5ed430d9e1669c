package dev.miniats.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.Json;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user function's resource-based policy (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html):
 * AddPermission, RemovePermission and GetPolicy, with statements written as Lambda writes them.
 * Thread-safe: it keeps no state of its own.
 */
final class PolicyApi {
    private static final String PREFIX = LambdaApi.PREFIX;

    private final UserFunctions users;

    PolicyApi(UserFunctions users) {
        this.users = users;
    }

    void register(AwsRoutes.Rest rest) {
        rest.post(PREFIX + "/{name}/policy", this::addPermission)
                .get(PREFIX + "/{name}/policy", this::getPolicy)
                .delete(PREFIX + "/{name}/policy/{sid}", this::removePermission);
    }

    void addPermission(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        PolicyStatement statement = add(target, Json.body(ctx, LambdaShapes.AddPermissionRequest.class));
        ctx.status(201);
        Json.answer(ctx, LambdaApi.JSON, new LambdaShapes.AddPermissionResponse(json(statement)));
    }

    /** AddPermission's checks and the statement added: for the API and for CloudFormation's AWS::Lambda::Permission. */
    PolicyStatement add(FunctionName target, LambdaShapes.AddPermissionRequest r) {
        StoredFunction function = users.require(target.name());
        if (r.statementId() == null || !r.statementId().matches("[a-zA-Z0-9-_.]{1,100}")) {
            throw LambdaErrors.validation(r.statementId(), "statementId", "Member must satisfy regular expression pattern:"
                    + " ([a-zA-Z0-9-_.]+) and have length between 1 and 100");
        }
        if (r.action() == null || !r.action().matches("(lambda:[*]|lambda:[a-zA-Z]+|[*])")) {
            throw LambdaErrors.validation(r.action(), "action", "Member must satisfy regular expression pattern:"
                    + " (lambda:[*]|lambda:[a-zA-Z]+|[*]), e.g. lambda:InvokeFunction");
        }
        if (r.principal() == null || r.principal().isBlank()) {
            throw LambdaErrors.validation(r.principal(), "principal", "Member must not be null: a service such as"
                    + " events.amazonaws.com, an account id or an ARN");
        }
        if (r.functionUrlAuthType() != null && !List.of("NONE", "AWS_IAM").contains(r.functionUrlAuthType())) {
            throw LambdaErrors.validation(r.functionUrlAuthType(), "functionUrlAuthType", "Member must satisfy enum value set:"
                    + " [AWS_IAM, NONE]");
        }
        if (function.policy().stream().anyMatch(s -> s.sid().equals(r.statementId()))) {
            throw LambdaErrors.conflict("The statement id (" + r.statementId() + ") provided already exists. Please provide a new"
                    + " statement id, or remove the existing statement.");
        }
        if (r.revisionId() != null && !r.revisionId().equals(function.latest().revisionId())) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetPolicy"
                    + " API to retrieve the latest Revision Id");
        }
        String resource = function.latest().functionArn() + (target.qualifier() == null ? "" : ":" + target.qualifier());
        PolicyStatement statement = new PolicyStatement(r.statementId(), "Allow", principal(r.principal()), r.action(), resource,
                conditions(r));
        users.store().addStatement(target.name(), statement);
        return statement;
    }

    void getPolicy(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        StoredFunction function = users.require(target.name());
        if (function.policy().isEmpty()) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        Json.answer(ctx, LambdaApi.JSON, new LambdaShapes.GetPolicyResponse(json(PolicyStatement.Document.of(function.policy())),
                function.latest().revisionId()));
    }

    void removePermission(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        StoredFunction function = users.require(target.name());
        String sid = ctx.pathParam("sid");
        if (function.policy().stream().noneMatch(s -> s.sid().equals(sid))) {
            throw LambdaErrors.notFound("Statement " + sid + " is not found in resource policy.");
        }
        users.store().removeStatement(target.name(), sid);
        ctx.status(204);
    }

    /** A service principal, an account (as its root ARN) or an ARN, as Lambda rewrites them. */
    private static Map<String, String> principal(String principal) {
        if (principal.endsWith(".amazonaws.com") || principal.endsWith(".amazonaws.com.cn")) {
            return Map.of("Service", principal);
        }
        if (principal.matches("\\d{12}")) {
            return Map.of("AWS", "arn:aws:iam::" + principal + ":root");
        }
        return Map.of("AWS", principal);
    }

    private static Map<String, Map<String, String>> conditions(LambdaShapes.AddPermissionRequest r) {
        Map<String, Map<String, String>> condition = new LinkedHashMap<>();
        if (r.sourceAccount() != null) {
            condition.put("StringEquals", Map.of("AWS:SourceAccount", r.sourceAccount()));
        }
        if (r.sourceArn() != null) {
            condition.put("ArnLike", Map.of(PolicyStatement.SOURCE_ARN, r.sourceArn()));
        }
        if (r.functionUrlAuthType() != null) {
            Map<String, String> equals = new LinkedHashMap<>(condition.getOrDefault("StringEquals", Map.of()));
            equals.put(PolicyStatement.URL_AUTH_TYPE, r.functionUrlAuthType());
            condition.put("StringEquals", equals);
        }
        if (r.principalOrgID() != null) {
            condition.computeIfAbsent("StringEquals", k -> new LinkedHashMap<>());
            Map<String, String> equals = new LinkedHashMap<>(condition.get("StringEquals"));
            equals.put("aws:PrincipalOrgID", r.principalOrgID());
            condition.put("StringEquals", equals);
        }
        return condition;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a policy: " + e.getMessage(), e);
        }
    }
}
