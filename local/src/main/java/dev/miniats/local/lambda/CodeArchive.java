package dev.miniats.local.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package: checked as Lambda checks an upload (a readable zip, at most
 * 250 MB unzipped: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html),
 * fingerprinted ({@code CodeSha256}) and unpacked into a task root. Stateless.
 */
final class CodeArchive {
    /** Lambda's unzipped deployment package quota. */
    static final long MAX_UNZIPPED_BYTES = 262_144_000L;

    private CodeArchive() {
    }

    /** Thrown when an upload is not a zip Lambda could unpack; Lambda's {@code InvalidParameterValueException}. */
    static final class InvalidArchiveException extends RuntimeException {
        InvalidArchiveException(String message) {
            super(message);
        }
    }

    /** Reads every entry of {@code zip}; throws {@link InvalidArchiveException} as Lambda refuses it. */
    static void check(byte[] zip) {
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            byte[] buffer = new byte[64 * 1024];
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries++;
                entryPath(Path.of("/task"), e);
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    total += n;
                    if (total > MAX_UNZIPPED_BYTES) {
                        throw new InvalidArchiveException("Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
                    }
                }
            }
        } catch (ZipException e) {
            throw notAZip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries == 0) {
            throw notAZip();
        }
    }

    private static InvalidArchiveException notAZip() {
        // Lambda's own words for an upload it cannot unpack
        return new InvalidArchiveException("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    /** Lambda's {@code CodeSha256}: the base64 SHA-256 of the zip. */
    static String sha256(byte[] zip) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The hex form of a base64 {@code CodeSha256}, safe in a file name. */
    static String hex(String codeSha256) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
    }

    /**
     * Unpacks {@code zip} into {@code taskRoot} once (a finished unpack is marked, so a crash midway is
     * redone). Zips carry no Unix modes Java can read, so files that look executable (a shebang, an ELF
     * header) or are named {@code bootstrap} are made executable, as their modes were when zipped.
     */
    static Path unpack(Path zip, Path taskRoot) {
        Path done = taskRoot.resolveSibling(taskRoot.getFileName() + ".unpacked");
        if (Files.exists(done)) {
            return taskRoot;
        }
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            Files.createDirectories(taskRoot);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = entryPath(taskRoot, e);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                if (looksExecutable(target)) {
                    target.toFile().setExecutable(true, false);
                }
            }
            Files.createFile(done);
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + taskRoot + ": " + e.getMessage(), e);
        }
    }

    /** Refuses entries that would land outside the task root ("zip slip"). */
    private static Path entryPath(Path root, ZipEntry e) {
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root)) {
            throw new InvalidArchiveException("The zip entry '" + e.getName() + "' points outside the function's directory");
        }
        return target;
    }

    private static boolean looksExecutable(Path file) throws IOException {
        if (file.getFileName().toString().equals("bootstrap") || file.getFileName().toString().endsWith(".sh")) {
            return true;
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        return (n >= 2 && head[0] == '#' && head[1] == '!') || (n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F');
    }

    /** Writes nothing: the zip bytes to {@code out}, for get-function's code download. */
    static void copy(Path zip, OutputStream out) throws IOException {
        Files.copy(zip, out);
    }
}
