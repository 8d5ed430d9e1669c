package dev.miniats.local.candidate;

import dev.miniats.core.link.LinkSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs candidate links: {@code MINI_ATS_LINK_SECRET} when set (as on AWS), else
 * {@value #FILE} in the data dir, created once with 32 random bytes and owner-only permissions, so
 * links mailed before a restart still work after it.
 */
public final class LinkSecrets {
    public static final String FILE = "link-secret";
    public static final String VARIABLE = "MINI_ATS_LINK_SECRET";

    private LinkSecrets() {
    }

    public static byte[] load(Path dataDir, String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[LinkSigner.MIN_SECRET_BYTES];
                new SecureRandom().nextBytes(fresh);
                Path temp = Files.createTempFile(dataDir, FILE, ".tmp");
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the data dir's own permissions protect it
                }
                Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(fresh));
                try {
                    Files.move(temp, file);
                } catch (FileAlreadyExistsException e) {
                    Files.delete(temp); // another runtime on this data dir won: use its secret
                }
            }
            return Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the link secret " + file, e);
        }
    }
}
