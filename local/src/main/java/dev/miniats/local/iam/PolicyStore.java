package dev.miniats.local.iam;

import dev.miniats.local.sqlite.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Managed policies: AWS managed ones from the jar and customer managed ones in SQLite, looked up
 * by ARN. Thread-safe.
 */
final class PolicyStore {
    /** IAM's quota on a managed policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    static final int MANAGED_POLICY_MAX_CHARS = 6_144;
    private static final String COLUMNS = "name, path, policy_id, arn, description, document, created_at";

    private final Database db;
    private final AwsManagedPolicies aws;

    PolicyStore(Database db, AwsManagedPolicies aws) {
        this.db = db;
        this.aws = aws;
    }

    void create(ManagedPolicy policy) {
        if (RoleStore.nonWhitespace(policy.document()) > MANAGED_POLICY_MAX_CHARS) {
            throw IamException.limitExceeded("Cannot exceed quota for PolicySize: " + MANAGED_POLICY_MAX_CHARS);
        }
        db.write(c -> {
            if (Rows.exists(c, "SELECT 1 FROM iam_policies WHERE name=?", policy.name())) {
                throw IamException.alreadyExists("A policy called " + policy.name() + " already exists. Duplicate names are not allowed.");
            }
            return Rows.update(c, "INSERT INTO iam_policies (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?)", policy.name(), policy.path(),
                    policy.id(), policy.arn(), policy.description(), policy.document(), policy.createdAt());
        });
    }

    Optional<ManagedPolicy> find(String arn) {
        Optional<ManagedPolicy> managed = aws.get(arn);
        return managed.isPresent() ? managed
                : db.read(c -> Rows.query(c, "SELECT " + COLUMNS + " FROM iam_policies WHERE arn=?", PolicyStore::policy, arn)).stream().findFirst();
    }

    ManagedPolicy require(String arn) {
        return find(arn).orElseThrow(() -> IamException.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    /** AWS managed, customer managed, or both ({@code scope} All, AWS, Local), by name. */
    List<ManagedPolicy> list(String scope) {
        List<ManagedPolicy> out = new ArrayList<>();
        if (!scope.equals("Local")) {
            out.addAll(aws.all());
        }
        if (!scope.equals("AWS")) {
            out.addAll(db.read(c -> Rows.query(c, "SELECT " + COLUMNS + " FROM iam_policies", PolicyStore::policy)));
        }
        out.sort(Comparator.comparing(ManagedPolicy::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** Deletes a customer managed policy that no role has attached (DeleteConflict otherwise). */
    void delete(String arn) {
        if (aws.get(arn).isPresent()) {
            throw IamException.invalidInput("Policy " + arn + " is an AWS managed policy; only customer managed policies can be deleted.");
        }
        db.write(c -> {
            if (!Rows.exists(c, "SELECT 1 FROM iam_policies WHERE arn=?", arn)) {
                throw IamException.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
            }
            if (Rows.exists(c, "SELECT 1 FROM iam_role_attachments WHERE policy_arn=?", arn)) {
                throw IamException.deleteConflict("Cannot delete a policy attached to entities.");
            }
            return Rows.update(c, "DELETE FROM iam_policies WHERE arn=?", arn);
        });
    }

    int attachmentCount(String arn) {
        return db.read(c -> Rows.query(c, "SELECT count(*) FROM iam_role_attachments WHERE policy_arn=?", rs -> rs.getInt(1), arn)).get(0);
    }

    /** Inside a write: whether {@code arn} names a policy a role can attach. */
    boolean existsIn(Connection c, String arn) throws SQLException {
        return aws.get(arn).isPresent() || Rows.exists(c, "SELECT 1 FROM iam_policies WHERE arn=?", arn);
    }

    private static ManagedPolicy policy(ResultSet rs) throws SQLException {
        return new ManagedPolicy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), "v1", rs.getString(6),
                rs.getLong(7), rs.getLong(7), false);
    }
}
