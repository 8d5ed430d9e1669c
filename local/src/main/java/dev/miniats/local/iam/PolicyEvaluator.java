package dev.miniats.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Identity-policy evaluation as IAM does it for one principal in one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny in any policy wins; otherwise an Allow in any policy allows; otherwise the
 * request is implicitly denied. A statement applies when its Action/NotAction matches the action
 * (case-insensitively), its Resource/NotResource matches the resource ARN, and its Condition
 * holds. A condition this evaluator cannot decide ({@link Conditions}) is never taken as true:
 * the statement does not apply and the decision names the keys. Stateless.
 */
final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    static Iam.Decision evaluate(List<PolicyDocument> policies, String action, String resource, Map<String, String> context) {
        boolean allowed = false;
        Set<String> unevaluated = new TreeSet<>();
        for (PolicyDocument policy : policies) {
            for (Statement s : policy.statements()) {
                if (!matchesAction(s, action) || !matchesResource(s, resource)) {
                    continue;
                }
                Conditions.Result condition = Conditions.evaluate(s.conditions(), context);
                if (!condition.unevaluated().isEmpty()) {
                    unevaluated.addAll(condition.unevaluated());
                    continue;
                }
                if (!condition.holds()) {
                    continue;
                }
                if (!s.allow()) {
                    return new Iam.Decision(Iam.Outcome.EXPLICIT_DENY, unevaluated);
                }
                allowed = true;
            }
        }
        return new Iam.Decision(allowed ? Iam.Outcome.ALLOW : Iam.Outcome.IMPLICIT_DENY, unevaluated);
    }

    private static boolean matchesAction(Statement s, String action) {
        boolean any = s.actions().stream().anyMatch(p -> Glob.matches(p, action, true));
        return s.notAction() != any;
    }

    private static boolean matchesResource(Statement s, String resource) {
        boolean any = s.resources().stream().anyMatch(p -> Glob.matches(p, resource, false));
        return s.notResource() != any;
    }
}
