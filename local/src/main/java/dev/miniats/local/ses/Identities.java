package dev.miniats.local.ses;

import dev.miniats.local.sqlite.Database;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SES identities, kept in SQLite. An address is normalised with a lower-case domain (SES treats
 * the domain case-insensitively); a domain identity covers every address at that domain and its
 * subdomains (https://docs.aws.amazon.com/ses/latest/dg/creating-identities.html). Thread-safe.
 */
public final class Identities {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    public Identities(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds (or keeps) an address or domain identity; returns it. Never fails when it exists. */
    public Identity verify(String name) {
        Identity candidate = parse(name);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO ses_identities (identity, type, token, created_at) VALUES (?,?,?,?) ON CONFLICT (identity) DO NOTHING")) {
                s.setString(1, candidate.name());
                s.setString(2, candidate.type().name());
                s.setString(3, candidate.token());
                s.setLong(4, candidate.createdAt());
                return s.executeUpdate();
            }
        });
        return get(candidate.name()).orElseThrow();
    }

    /** Adds a new identity (SES v2 CreateEmailIdentity); {@link SesAlreadyExistsException} when it exists. */
    public Identity create(String name) {
        Identity candidate = parse(name);
        if (get(candidate.name()).isPresent()) {
            throw new SesAlreadyExistsException("Email identity " + name + " already exist.");
        }
        return verify(name);
    }

    public Optional<Identity> get(String name) {
        String key = normalise(name);
        List<Identity> found = query("SELECT identity, type, token, created_at FROM ses_identities WHERE identity=?", key);
        return found.stream().findFirst();
    }

    /** Every identity in name order, or only those of {@code type} when it is not null. */
    public List<Identity> list(Identity.Type type) {
        return type == null
                ? query("SELECT identity, type, token, created_at FROM ses_identities ORDER BY identity", null)
                : query("SELECT identity, type, token, created_at FROM ses_identities WHERE type=? ORDER BY identity", type.name());
    }

    /** Removes an identity; false when there was none. */
    public boolean delete(String name) {
        String key = normalise(name);
        int deleted = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ses_identities WHERE identity=?")) {
                s.setString(1, key);
                return s.executeUpdate();
            }
        });
        return deleted > 0;
    }

    /** The addresses among {@code addresses} that are neither verified themselves nor at a verified domain. */
    public List<String> unverified(Collection<String> addresses) {
        Set<String> out = new LinkedHashSet<>();
        for (String address : addresses) {
            if (!isVerified(address)) {
                out.add(address);
            }
        }
        return List.copyOf(out);
    }

    private boolean isVerified(String address) {
        String key = normalise(address);
        if (get(key).isPresent()) {
            return true;
        }
        String domain = key.substring(key.indexOf('@') + 1);
        while (domain.contains(".")) {
            if (get(domain).isPresent()) {
                return true;
            }
            domain = domain.substring(domain.indexOf('.') + 1);
        }
        return false;
    }

    private Identity parse(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSesRequestException("An identity (email address or domain) is required.");
        }
        String key = normalise(name);
        String token = Base64.getEncoder().withoutPadding().encodeToString(randomBytes());
        if (key.contains("@")) {
            try {
                new InternetAddress(key, true).validate();
            } catch (AddressException e) {
                throw new InvalidSesRequestException("Invalid email address <" + name + ">.");
            }
            return new Identity(key, Identity.Type.EMAIL_ADDRESS, token, clock.millis());
        }
        if (!DOMAIN.matcher(key).matches()) {
            throw new InvalidSesRequestException("Invalid domain name <" + name + ">.");
        }
        return new Identity(key, Identity.Type.DOMAIN, token, clock.millis());
    }

    /** Lower-cases a domain, or the domain part of an address (SES compares local parts as given). */
    static String normalise(String name) {
        String trimmed = name.strip();
        int at = trimmed.lastIndexOf('@');
        return at < 0 ? trimmed.toLowerCase(Locale.ROOT)
                : trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private List<Identity> query(String sql, String arg) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (arg != null) {
                    s.setString(1, arg);
                }
                List<Identity> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Identity(r.getString(1), Identity.Type.valueOf(r.getString(2)), r.getString(3), r.getLong(4)));
                    }
                }
                return out;
            }
        });
    }
}
