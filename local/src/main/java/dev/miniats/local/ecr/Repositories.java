package dev.miniats.local.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * ECR repositories in SQLite; the public face for CloudFormation's AWS::ECR::Repository. Every
 * check-then-change runs in one write. Thread-safe.
 */
public final class Repositories {
    /** ECR's repository name rule (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html). */
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    /** PutLifecyclePolicy's and SetRepositoryPolicy's text lengths (their API references' LifecyclePolicyText and PolicyText). */
    private static final int MIN_LIFECYCLE_CHARS = 100;
    private static final int MAX_LIFECYCLE_CHARS = 30_720;
    private static final int MAX_REPOSITORY_POLICY_CHARS = 10_240;
    private static final String COLUMNS = "name, registry_id, tag_mutability, scan_on_push, lifecycle_policy, repository_policy, created_at";

    private final Database db;
    private final Clock clock;
    private final Arns arns;

    public Repositories(Database db, Clock clock, Arns arns) {
        this.db = db;
        this.clock = clock;
        this.arns = arns;
    }

    /** Creates a repository; RepositoryAlreadyExistsException when the name is taken. */
    public Repository create(String name, String tagMutability, boolean scanOnPush) {
        checkName(name);
        Repository repo = new Repository(name, arns.account(), tagMutability == null ? "MUTABLE" : tagMutability, scanOnPush, null, null,
                clock.millis());
        return db.write(c -> {
            if (find(c, name).isPresent()) {
                throw EcrException.alreadyExists(name, arns.account());
            }
            save(c, repo);
            return repo;
        });
    }

    public Repository require(String name) {
        return db.read(c -> find(c, name)).orElseThrow(() -> EcrException.notFound(name, arns.account()));
    }

    public List<Repository> all() {
        return db.read(c -> {
            List<Repository> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ecr_repositories ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(repository(r));
                }
            }
            return out;
        });
    }

    /** Sets (or, with null, removes) the lifecycle policy after checking it is a JSON object. */
    public Repository putLifecyclePolicy(String name, String text) {
        return change(name, r -> r.withLifecyclePolicy(checkedPolicy(text, "lifecyclePolicyText", MIN_LIFECYCLE_CHARS, MAX_LIFECYCLE_CHARS)));
    }

    /** Sets (or, with null, removes) the repository policy after checking it is a JSON object. */
    public Repository setRepositoryPolicy(String name, String text) {
        return change(name, r -> r.withRepositoryPolicy(checkedPolicy(text, "policyText", 1, MAX_REPOSITORY_POLICY_CHARS)));
    }

    /** Deletes a repository; as no images are kept locally, {@code force} has nothing to remove first. */
    public Repository delete(String name) {
        return db.write(c -> {
            Repository repo = find(c, name).orElseThrow(() -> EcrException.notFound(name, arns.account()));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ecr_repositories WHERE name=?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            return repo;
        });
    }

    public String arn(String name) {
        return arns.of("ecr", "repository/" + name);
    }

    /** Where {@code docker push} would go on AWS; locally there is no registry behind it. */
    public String uri(String name) {
        return arns.account() + ".dkr.ecr." + arns.region() + ".amazonaws.com/" + name;
    }

    private Repository change(String name, UnaryOperator<Repository> edit) {
        return db.write(c -> {
            Repository next = edit.apply(find(c, name).orElseThrow(() -> EcrException.notFound(name, arns.account())));
            save(c, next);
            return next;
        });
    }

    private static String checkedPolicy(String text, String member, int min, int max) {
        if (text == null) {
            return null;
        }
        if (text.length() < min || text.length() > max) {
            throw EcrException.invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must have length "
                    + "less than or equal to " + max + " and greater than or equal to " + min + "', was " + text.length());
        }
        try {
            if (!Json.MAPPER.readTree(text).isObject()) {
                throw EcrException.invalid("Invalid parameter at '" + member + "': the policy must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw EcrException.invalid("Invalid parameter at '" + member + "': the policy is not JSON: " + e.getOriginalMessage());
        }
        return text;
    }

    private static void checkName(String name) {
        if (name == null || name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
            throw EcrException.invalid("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular "
                    + "expression '" + NAME.pattern() + "' and have 2 to 256 characters', was '" + name + "'");
        }
    }

    private static void save(Connection c, Repository r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO ecr_repositories (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?)")) {
            s.setString(1, r.name());
            s.setString(2, r.registryId());
            s.setString(3, r.tagMutability());
            s.setInt(4, r.scanOnPush() ? 1 : 0);
            s.setString(5, r.lifecyclePolicy());
            s.setString(6, r.repositoryPolicy());
            s.setLong(7, r.createdAt());
            s.executeUpdate();
        }
    }

    private static Optional<Repository> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ecr_repositories WHERE name=?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(repository(r)) : Optional.empty();
            }
        }
    }

    private static Repository repository(ResultSet r) throws SQLException {
        return new Repository(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) == 1, r.getString(5), r.getString(6), r.getLong(7));
    }
}
