package dev.miniats.local.ssm;

import dev.miniats.local.sqlite.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parameter Store's parameters in SQLite, with its naming and size rules
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html).
 * The public face for CloudFormation (AWS::SSM::Parameter, SSM parameter types and
 * {@code {{resolve:ssm:...}}}). Every check-then-change runs in one write. Thread-safe.
 */
public final class ParameterStore {
    static final Set<String> TYPES = Set.of("String", "StringList", "SecureString");
    private static final Set<String> DATA_TYPES = Set.of("text", "aws:ec2:image", "aws:ssm:integration");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]{1,2048}");
    /** The standard tier's value limit; the advanced tier's 8 KB needs a paid tier on AWS. */
    static final int MAX_VALUE_CHARS = 4096;
    private static final int MAX_LEVELS = 15;
    private static final String COLUMNS = "name, type, value, description, allowed_pattern, data_type, version, modified_at";

    private final Database db;
    private final Clock clock;

    public ParameterStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What PutParameter asks for; null description, pattern or data type keep (or default) them. */
    public record Put(String name, String type, String value, String description, String allowedPattern, String dataType,
                      boolean overwrite) {
    }

    /** Creates or (with overwrite) replaces a parameter; its new version. */
    public long put(Put put) {
        String name = checkName(put.name());
        if (put.value() == null || put.value().isEmpty()) {
            throw SsmException.invalid("1 validation error detected: Value at 'value' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        if (put.value().length() > MAX_VALUE_CHARS) {
            throw SsmException.invalid("Standard tier parameters support a maximum parameter value of " + MAX_VALUE_CHARS
                    + " characters; " + name + "'s value has " + put.value().length());
        }
        if (put.type() != null && !TYPES.contains(put.type())) {
            throw SsmException.unsupportedType(put.type());
        }
        if (put.dataType() != null && !DATA_TYPES.contains(put.dataType())) {
            throw SsmException.invalid("The following data type is not supported: " + put.dataType()
                    + " (Data type names are all lowercase.); expected one of " + DATA_TYPES);
        }
        return db.write(c -> {
            Optional<Parameter> old = find(c, name);
            if (old.isPresent() && !put.overwrite()) {
                throw SsmException.alreadyExists(name);
            }
            if (old.isEmpty() && put.type() == null) {
                throw SsmException.invalid("A parameter type is required when you create a parameter; expected String, "
                        + "StringList or SecureString for " + name);
            }
            String pattern = put.allowedPattern() != null ? put.allowedPattern() : old.map(Parameter::allowedPattern).orElse(null);
            checkPattern(pattern, put.value());
            Parameter next = new Parameter(name, put.type() != null ? put.type() : old.get().type(), put.value(),
                    put.description() != null ? put.description() : old.map(Parameter::description).orElse(null), pattern,
                    put.dataType() != null ? put.dataType() : old.map(Parameter::dataType).orElse("text"),
                    old.map(p -> p.version() + 1).orElse(1L), clock.millis());
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO ssm_parameters (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
                s.setString(1, next.name());
                s.setString(2, next.type());
                s.setString(3, next.value());
                s.setString(4, next.description());
                s.setString(5, next.allowedPattern());
                s.setString(6, next.dataType());
                s.setLong(7, next.version());
                s.setLong(8, next.modifiedAt());
                s.executeUpdate();
            }
            return next.version();
        });
    }

    /** The parameter; ParameterNotFound when there is none. */
    public Parameter require(String name) {
        return find(name).orElseThrow(() -> SsmException.parameterNotFound(name));
    }

    public Optional<Parameter> find(String name) {
        return db.read(c -> find(c, name));
    }

    /** Deletes a parameter; ParameterNotFound when there is none. */
    public void delete(String name) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ssm_parameters WHERE name=?")) {
                s.setString(1, name);
                if (s.executeUpdate() == 0) {
                    throw SsmException.parameterNotFound(name);
                }
            }
            return null;
        });
    }

    private static Optional<Parameter> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ssm_parameters WHERE name=?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Parameter(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getLong(7), r.getLong(8))) : Optional.empty();
            }
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw SsmException.invalid("1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (!NAME.matcher(name).matches()) {
            throw SsmException.invalid("Parameter name " + name + " is not valid: it may have 1 to 2048 characters "
                    + "a-z, A-Z, 0-9, _, ., - and /");
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw SsmException.invalid("Parameter name must be a fully qualified name: " + name + " contains '/' so it must start with '/'");
        }
        String bare = (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
        if (bare.startsWith("aws") || bare.startsWith("ssm")) {
            throw SsmException.invalid("No access to reserved parameter name: " + name
                    + ". Parameter names beginning with aws or ssm (in any case) are reserved.");
        }
        if (name.chars().filter(ch -> ch == '/').count() > MAX_LEVELS) {
            throw SsmException.hierarchyTooDeep(name, MAX_LEVELS);
        }
        return name;
    }

    private static void checkPattern(String pattern, String value) {
        if (pattern == null) {
            return;
        }
        try {
            if (!Pattern.compile(pattern).matcher(value).matches()) {
                throw SsmException.patternMismatch(pattern);
            }
        } catch (PatternSyntaxException e) {
            throw SsmException.invalid("AllowedPattern " + pattern + " is not a regular expression: " + e.getDescription());
        }
    }
}
