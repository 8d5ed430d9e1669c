package dev.miniats.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Deployment packages for tests: a zip of named files, written where the AWS CLI can upload it. */
public final class Zips {
    private Zips() {
    }

    public static byte[] of(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return ofBytes(bytes);
    }

    public static byte[] ofBytes(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code zip} to {@code dir/name} and answers the CLI's {@code fileb://} argument for it. */
    public static String file(Path dir, String name, byte[] zip) {
        try {
            Path file = dir.resolve(name);
            Files.write(file, zip);
            return "fileb://" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
