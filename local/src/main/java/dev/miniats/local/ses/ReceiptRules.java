package dev.miniats.local.ses;

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

/**
 * SES receipt rule sets and their ordered rules, kept in SQLite
 * (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-receipt-rules.html). At most one set
 * is active; only the active set receives mail. Each change runs in one write transaction, so a
 * refused request changes nothing. Thread-safe.
 */
public final class ReceiptRules {
    /** A rule set and its rules in order. */
    public record RuleSet(String name, long createdAt, boolean active, List<ReceiptRule> rules) {
        public RuleSet {
            rules = List.copyOf(rules);
        }
    }

    private final Database db;
    private final Clock clock;
    private final ReceiptTargets targets;

    public ReceiptRules(Database db, Clock clock, ReceiptTargets targets) {
        this.db = db;
        this.clock = clock;
        this.targets = targets;
    }

    public void createRuleSet(String name) {
        ReceiptRule.requireName("RuleSetName", name);
        db.write(c -> {
            if (exists(c, name)) {
                throw ReceiptRuleException.alreadyExists("Rule set " + name);
            }
            update(c, "INSERT INTO ses_receipt_rule_sets (name, created_at, active) VALUES (?,?,0)", name, clock.millis());
            return null;
        });
    }

    /** Deletes a set and its rules; the active set is refused (CannotDelete), a missing one is not an error, as on SES. */
    public void deleteRuleSet(String name) {
        db.write(c -> {
            if (isActive(c, name)) {
                throw ReceiptRuleException.cannotDelete(name);
            }
            update(c, "DELETE FROM ses_receipt_rules WHERE rule_set=?", name);
            update(c, "DELETE FROM ses_receipt_rule_sets WHERE name=?", name);
            return null;
        });
    }

    /** Makes {@code clone} a copy of {@code original}'s rules (inactive). */
    public void cloneRuleSet(String clone, String original) {
        ReceiptRule.requireName("RuleSetName", clone);
        db.write(c -> {
            List<ReceiptRule> rules = rules(c, original);
            if (exists(c, clone)) {
                throw ReceiptRuleException.alreadyExists("Rule set " + clone);
            }
            update(c, "INSERT INTO ses_receipt_rule_sets (name, created_at, active) VALUES (?,?,0)", clone, clock.millis());
            save(c, clone, rules);
            return null;
        });
    }

    /** Activates a set, deactivating the one before; null deactivates every set. */
    public void setActive(String name) {
        db.write(c -> {
            if (name != null && !exists(c, name)) {
                throw ReceiptRuleException.noRuleSet(name);
            }
            update(c, "UPDATE ses_receipt_rule_sets SET active=0 WHERE active=1");
            if (name != null) {
                update(c, "UPDATE ses_receipt_rule_sets SET active=1 WHERE name=?", name);
            }
            return null;
        });
    }

    public RuleSet describe(String name) {
        return db.read(c -> ruleSet(c, name).orElseThrow(() -> ReceiptRuleException.noRuleSet(name)));
    }

    /** The active set, if any. */
    public Optional<RuleSet> active() {
        return db.read(c -> {
            String name = null;
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM ses_receipt_rule_sets WHERE active=1")) {
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        name = r.getString(1);
                    }
                }
            }
            return name == null ? Optional.<RuleSet>empty() : ruleSet(c, name);
        });
    }

    /** Every set, by name, without rules. */
    public List<RuleSet> list() {
        return db.read(c -> {
            List<RuleSet> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, created_at, active FROM ses_receipt_rule_sets ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RuleSet(r.getString(1), r.getLong(2), r.getInt(3) == 1, List.of()));
                }
            }
            return out;
        });
    }

    /** Adds a rule first in the set, or right after the rule named {@code after}. */
    public void createRule(String ruleSet, String after, ReceiptRule rule) {
        checkTargets(rule);
        db.write(c -> {
            List<ReceiptRule> rules = rules(c, ruleSet);
            if (indexOf(rules, rule.name()) >= 0) {
                throw ReceiptRuleException.alreadyExists("Rule " + rule.name());
            }
            rules.add(after == null ? 0 : indexOf(rules, after, true) + 1, rule);
            save(c, ruleSet, rules);
            return null;
        });
    }

    /** Replaces the rule of the same name, keeping its position. */
    public void updateRule(String ruleSet, ReceiptRule rule) {
        checkTargets(rule);
        db.write(c -> {
            List<ReceiptRule> rules = rules(c, ruleSet);
            rules.set(indexOf(rules, rule.name(), true), rule);
            save(c, ruleSet, rules);
            return null;
        });
    }

    /** Deletes a rule; a missing rule is not an error (as on SES), a missing set is. */
    public void deleteRule(String ruleSet, String name) {
        db.write(c -> {
            List<ReceiptRule> rules = rules(c, ruleSet);
            rules.removeIf(r -> r.name().equals(name));
            save(c, ruleSet, rules);
            return null;
        });
    }

    public ReceiptRule describeRule(String ruleSet, String name) {
        List<ReceiptRule> rules = describe(ruleSet).rules();
        return rules.get(indexOf(rules, name, true));
    }

    /** Puts the set's rules in the order given, which must name each of its rules once. */
    public void reorder(String ruleSet, List<String> names) {
        db.write(c -> {
            List<ReceiptRule> rules = rules(c, ruleSet);
            List<ReceiptRule> ordered = new ArrayList<>();
            for (String name : names) {
                ReceiptRule r = rules.get(indexOf(rules, name, true));
                if (ordered.contains(r)) {
                    throw ReceiptRuleException.invalid("RuleNames has '" + name + "' twice; expected each rule of " + ruleSet + " once");
                }
                ordered.add(r);
            }
            if (ordered.size() != rules.size()) {
                throw ReceiptRuleException.invalid("RuleNames has " + ordered.size() + " rules; rule set " + ruleSet + " has "
                        + rules.size() + ": expected each of its rules once");
            }
            save(c, ruleSet, ordered);
            return null;
        });
    }

    /** Moves a rule first, or right after {@code after}. */
    public void setPosition(String ruleSet, String name, String after) {
        db.write(c -> {
            List<ReceiptRule> rules = rules(c, ruleSet);
            ReceiptRule moved = rules.remove(indexOf(rules, name, true));
            rules.add(after == null ? 0 : indexOf(rules, after, true) + 1, moved);
            save(c, ruleSet, rules);
            return null;
        });
    }

    /** SES checks an action's bucket and function when the rule is made, not when mail arrives. */
    private void checkTargets(ReceiptRule rule) {
        for (ReceiptAction a : rule.actions()) {
            if (a.s3Action() != null && !targets.bucketExists(a.s3Action().bucketName())) {
                throw ReceiptRuleException.invalidS3(a.s3Action().bucketName());
            }
            if (a.lambdaAction() != null && !targets.functionExists(a.lambdaAction().functionArn())) {
                throw ReceiptRuleException.invalidLambda(a.lambdaAction().functionArn());
            }
        }
    }

    private static int indexOf(List<ReceiptRule> rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<ReceiptRule> rules, String name, boolean required) {
        int i = indexOf(rules, name);
        if (i < 0 && required) {
            throw ReceiptRuleException.noRule(name);
        }
        return i;
    }

    private Optional<RuleSet> ruleSet(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT created_at, active FROM ses_receipt_rule_sets WHERE name=?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RuleSet(name, r.getLong(1), r.getInt(2) == 1, rules(c, name)));
            }
        }
    }

    /** The set's rules in order (a mutable copy); RuleSetDoesNotExist when there is no such set. */
    private static List<ReceiptRule> rules(Connection c, String ruleSet) throws SQLException {
        if (!exists(c, ruleSet)) {
            throw ReceiptRuleException.noRuleSet(ruleSet);
        }
        List<ReceiptRule> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT rule FROM ses_receipt_rules WHERE rule_set=? ORDER BY position")) {
            s.setString(1, ruleSet);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Json.read(r.getString(1), ReceiptRule.class));
                }
            }
        }
        return out;
    }

    private static void save(Connection c, String ruleSet, List<ReceiptRule> rules) throws SQLException {
        update(c, "DELETE FROM ses_receipt_rules WHERE rule_set=?", ruleSet);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ses_receipt_rules (rule_set, name, position, rule) VALUES (?,?,?,?)")) {
            for (int i = 0; i < rules.size(); i++) {
                s.setString(1, ruleSet);
                s.setString(2, rules.get(i).name());
                s.setInt(3, i);
                s.setString(4, rules.get(i).json());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        return flag(c, "SELECT 1 FROM ses_receipt_rule_sets WHERE name=?", name);
    }

    private static boolean isActive(Connection c, String name) throws SQLException {
        return flag(c, "SELECT 1 FROM ses_receipt_rule_sets WHERE name=? AND active=1", name);
    }

    private static boolean flag(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
