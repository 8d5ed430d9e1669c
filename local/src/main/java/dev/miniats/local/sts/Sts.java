package dev.miniats.local.sts;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryRouter;
import dev.miniats.local.aws.QueryXml;
import dev.miniats.local.iam.Iam;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS STS over the Query protocol, version 2011-06-15 (https://docs.aws.amazon.com/STS/latest/APIReference/):
 * GetCallerIdentity and AssumeRole. A request signed with plain local credentials is the account's
 * root user; one signed with credentials from AssumeRole is that role session. Thread-safe: the
 * sessions live in {@link Iam}.
 */
public final class Sts implements AwsService {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final Iam iam;
    private final Arns arns;

    public Sts(Iam iam, Arns arns) {
        this.iam = iam;
        this.arns = arns;
    }

    @Override
    public void register(AwsRoutes routes) {
        QueryRouter r = new QueryRouter("sts", "2011-06-15");
        r.on("GetCallerIdentity", (p, x, call) -> callerIdentity(x, call));
        r.on("AssumeRole", this::assumeRole);
        routes.query(r);
    }

    private void callerIdentity(QueryXml x, AwsRequest call) {
        Optional<Iam.Session> session = iam.sessionOf(call.accessKeyId());
        if (session.isPresent()) {
            x.element("UserId", session.get().assumedRoleId()).element("Account", arns.account())
                    .element("Arn", session.get().assumedRoleArn());
        } else {
            x.element("UserId", arns.account()).element("Account", arns.account()).element("Arn", rootArn());
        }
    }

    private void assumeRole(QueryParams p, QueryXml x, AwsRequest call) {
        String roleArn = p.required("RoleArn");
        if (roleArn.length() < 20 || roleArn.length() > 2048 || Arns.parse(roleArn) == null) {
            throw invalid(roleArn, "roleArn", "Member must be an ARN of 20 to 2048 characters");
        }
        String sessionName = p.required("RoleSessionName");
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw invalid(sessionName, "roleSessionName",
                    "Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        long seconds = durationSeconds(p.optional("DurationSeconds"));
        String caller = iam.sessionOf(call.accessKeyId()).map(Iam.Session::assumedRoleArn).orElse(rootArn());
        Iam.Session session = iam.assume(caller, roleArn, sessionName, Duration.ofSeconds(seconds));
        x.start("AssumedRoleUser").element("AssumedRoleId", session.assumedRoleId()).element("Arn", session.assumedRoleArn()).end();
        x.start("Credentials").element("AccessKeyId", session.credentials().accessKeyId())
                .element("SecretAccessKey", session.credentials().secretAccessKey())
                .element("SessionToken", session.credentials().sessionToken())
                .element("Expiration", session.expiration().toString()).end();
    }

    private static long durationSeconds(String raw) {
        if (raw == null) {
            return 3600;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= 900 && value <= 43_200) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below with the range
        }
        throw invalid(raw, "durationSeconds", "Member must be a whole number from 900 to 43200");
    }

    private String rootArn() {
        return arns.global("iam", "root");
    }

    private static AwsException invalid(String value, String member, String constraint) {
        return new AwsException(400, "ValidationError", "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
