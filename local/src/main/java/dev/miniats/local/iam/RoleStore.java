package dev.miniats.local.iam;

import dev.miniats.local.sqlite.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Roles, their inline policies and their attached managed policies, in SQLite. Every
 * check-then-change runs inside one write, so two callers cannot both create one role or delete a
 * role while a policy is being attached. Thread-safe.
 */
final class RoleStore {
    /** IAM's quota on a role's inline policies together (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    static final int INLINE_POLICIES_MAX_CHARS = 10_240;
    private static final String COLUMNS = "name, path, role_id, arn, trust_policy, description, max_session_duration, created_at";

    private final Database db;
    private final PolicyStore policies;

    RoleStore(Database db, PolicyStore policies) {
        this.db = db;
        this.policies = policies;
    }

    void create(Role role) {
        db.write(c -> {
            Optional<Role> taken = Rows.query(c, "SELECT " + COLUMNS + " FROM iam_roles WHERE name=?", RoleStore::role, role.name())
                    .stream().findFirst();
            if (taken.isPresent()) {
                throw IamException.alreadyExists("Role with name " + taken.get().name() + " already exists.");
            }
            return Rows.update(c, "INSERT INTO iam_roles (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)", role.name(), role.path(), role.id(),
                    role.arn(), role.trustPolicy(), role.description(), role.maxSessionDuration(), role.createdAt());
        });
    }

    Optional<Role> find(String name) {
        return db.read(c -> Rows.query(c, "SELECT " + COLUMNS + " FROM iam_roles WHERE name=?", RoleStore::role, name)).stream().findFirst();
    }

    Optional<Role> findByArn(String arn) {
        return db.read(c -> Rows.query(c, "SELECT " + COLUMNS + " FROM iam_roles WHERE arn=?", RoleStore::role, arn)).stream().findFirst();
    }

    Role require(String name) {
        return find(name).orElseThrow(() -> noSuchRole(name));
    }

    List<Role> list() {
        return db.read(c -> Rows.query(c, "SELECT " + COLUMNS + " FROM iam_roles ORDER BY name COLLATE NOCASE", RoleStore::role));
    }

    /** Deletes a role that has no policies left, as IAM requires (DeleteConflict otherwise). */
    void delete(String name) {
        db.write(c -> {
            requireIn(c, name);
            if (Rows.exists(c, "SELECT 1 FROM iam_role_attachments WHERE role_name=?", name)) {
                throw IamException.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            if (Rows.exists(c, "SELECT 1 FROM iam_role_policies WHERE role_name=?", name)) {
                throw IamException.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            return Rows.update(c, "DELETE FROM iam_roles WHERE name=?", name);
        });
    }

    /** Adds or replaces an inline policy; {@code LimitExceeded} when the role's inline policies would pass 10,240 characters. */
    void putPolicy(String roleName, String policyName, String document) {
        db.write(c -> {
            Role role = requireIn(c, roleName);
            long others = Rows.query(c, "SELECT document FROM iam_role_policies WHERE role_name=? AND policy_name<>?",
                    rs -> nonWhitespace(rs.getString(1)), roleName, policyName).stream().mapToLong(Long::longValue).sum();
            if (others + nonWhitespace(document) > INLINE_POLICIES_MAX_CHARS) {
                throw IamException.limitExceeded("Maximum policy size of " + INLINE_POLICIES_MAX_CHARS + " bytes exceeded for role "
                        + role.name());
            }
            return Rows.update(c, "INSERT INTO iam_role_policies (role_name, policy_name, document) VALUES (?,?,?)"
                    + " ON CONFLICT (role_name, policy_name) DO UPDATE SET document=excluded.document", role.name(), policyName, document);
        });
    }

    Optional<String> policy(String roleName, String policyName) {
        return db.read(c -> Rows.query(c, "SELECT document FROM iam_role_policies WHERE role_name=? AND policy_name=?",
                rs -> rs.getString(1), roleName, policyName)).stream().findFirst();
    }

    List<String> policyNames(String roleName) {
        require(roleName);
        return db.read(c -> Rows.query(c, "SELECT policy_name FROM iam_role_policies WHERE role_name=? ORDER BY policy_name",
                rs -> rs.getString(1), roleName));
    }

    /** Every inline policy document of the role. */
    List<String> policyDocuments(String roleName) {
        return db.read(c -> Rows.query(c, "SELECT document FROM iam_role_policies WHERE role_name=?", rs -> rs.getString(1), roleName));
    }

    void deletePolicy(String roleName, String policyName) {
        db.write(c -> {
            requireIn(c, roleName);
            if (Rows.update(c, "DELETE FROM iam_role_policies WHERE role_name=? AND policy_name=?", roleName, policyName) == 0) {
                throw IamException.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
            }
            return null;
        });
    }

    /** Attaches a managed policy; attaching one twice is a no-op, as in IAM. */
    void attach(String roleName, String policyArn) {
        db.write(c -> {
            Role role = requireIn(c, roleName);
            if (!policies.existsIn(c, policyArn)) {
                throw IamException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
            }
            return Rows.update(c, "INSERT INTO iam_role_attachments (role_name, policy_arn) VALUES (?,?) ON CONFLICT DO NOTHING",
                    role.name(), policyArn);
        });
    }

    void detach(String roleName, String policyArn) {
        db.write(c -> {
            requireIn(c, roleName);
            if (Rows.update(c, "DELETE FROM iam_role_attachments WHERE role_name=? AND policy_arn=?", roleName, policyArn) == 0) {
                throw IamException.noSuchEntity("Policy " + policyArn + " was not found.");
            }
            return null;
        });
    }

    /** The ARNs of the role's attached managed policies, in ARN order. */
    List<String> attached(String roleName) {
        return db.read(c -> Rows.query(c, "SELECT policy_arn FROM iam_role_attachments WHERE role_name=? ORDER BY policy_arn",
                rs -> rs.getString(1), roleName));
    }

    static IamException noSuchRole(String name) {
        return IamException.noSuchEntity("The role with name " + name + " cannot be found.");
    }

    /** IAM counts a policy's size without whitespace. */
    static long nonWhitespace(String document) {
        return document.chars().filter(ch -> !Character.isWhitespace(ch)).count();
    }

    private static Role requireIn(java.sql.Connection c, String name) throws SQLException {
        return Rows.query(c, "SELECT " + COLUMNS + " FROM iam_roles WHERE name=?", RoleStore::role, name).stream().findFirst()
                .orElseThrow(() -> noSuchRole(name));
    }

    private static Role role(ResultSet rs) throws SQLException {
        return new Role(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                rs.getLong(8));
    }
}
