package dev.miniats.local.iam;

import dev.miniats.local.aws.Arns;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a role's trust policy lets a caller assume it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
 * an Allow statement for {@code sts:AssumeRole} whose AWS principal is the caller's ARN, the
 * caller's account (its id or {@code :root} ARN, which trusts every principal of the account), or
 * {@code *}; no such Deny. Statements with a Condition are not applied (the runtime does not
 * evaluate trust conditions such as {@code sts:ExternalId}). Stateless.
 */
final class Trust {
    private Trust() {
    }

    static boolean allows(PolicyDocument trust, String callerArn) {
        String account = Arns.parse(callerArn) == null ? "" : Arns.parse(callerArn).accountId().orElse("");
        // a root caller's ARN is also the account's: a set that tolerates the repeat
        Set<String> names = new HashSet<>(List.of(callerArn, account, "arn:aws:iam::" + account + ":root", "*"));
        boolean allowed = false;
        for (Statement s : trust.statements()) {
            boolean action = s.notAction() != s.actions().stream().anyMatch(p -> Glob.matches(p, "sts:AssumeRole", true));
            if (!action || !s.conditions().isEmpty() || !names(s.principals()).stream().anyMatch(names::contains)) {
                continue;
            }
            if (!s.allow()) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static List<String> names(Map<String, List<String>> principals) {
        return principals.entrySet().stream().filter(e -> e.getKey().equals("AWS") || e.getKey().equals("*"))
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
