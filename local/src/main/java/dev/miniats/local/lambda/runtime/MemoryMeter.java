package dev.miniats.local.lambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the memory an execution environment uses as Lambda counts it: the resident set of its
 * process and every process it started (Lambda's limit covers the whole sandbox), read from
 * {@code /proc/<pid>/status} ({@code VmRSS}). Remembers the peak, which Lambda reports as
 * {@code Max Memory Used}. Where {@code /proc} is missing (not Linux) every reading is 0 and no
 * limit is enforced. Thread-safe.
 */
final class MemoryMeter {
    private static final Path PROC = Path.of("/proc");
    private static final long MB = 1024 * 1024;
    /** Bounds on the process tree walked, so a fork bomb cannot make the sampler itself the problem. */
    private static final int MAX_PROCESSES = 1_000;
    private static final int MAX_DEPTH = 16;

    private final ProcessHandle root;
    private volatile List<Long> children = List.of();
    private volatile long peakBytes;
    private volatile long lastBytes;
    private volatile long lastNanos;
    private volatile boolean measured;

    MemoryMeter(ProcessHandle root) {
        this.root = root;
    }

    /** Whether this machine lets the meter read a process's memory. */
    static boolean supported() {
        return Files.isReadable(PROC.resolve("self").resolve("status"));
    }

    /**
     * Reads the whole process tree (walking {@code /proc} for the descendants); for the sampler,
     * which runs while an invocation is in progress.
     */
    long sampleTree() {
        children = descendants(root.pid());
        return sample();
    }

    /**
     * The process's descendants from {@code /proc/<pid>/task/<tid>/children}: a few small reads, where
     * {@link ProcessHandle#descendants()} reads the status of every process on the machine, which the
     * sampler doing it twenty times a second made a visible share of a busy function's CPU.
     * Falls back to that where the kernel has no {@code children} files.
     */
    private static List<Long> descendants(long pid) {
        List<Long> out = new ArrayList<>();
        if (!collectChildren(pid, out, 0)) {
            return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
        }
        return out;
    }

    /** False when the children of {@code pid} cannot be read this way. */
    private static boolean collectChildren(long pid, List<Long> out, int depth) {
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String text;
                try {
                    text = Files.readString(thread.resolve("children"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException e) {
                    continue; // the thread ended
                }
                for (String child : text.trim().split(" ")) {
                    if (!child.isEmpty() && out.size() < MAX_PROCESSES) {
                        long childPid = Long.parseLong(child);
                        out.add(childPid);
                        if (depth < MAX_DEPTH) {
                            collectChildren(childPid, out, depth + 1);
                        }
                    }
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            return true; // the process ended: no children
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * The last reading when it is at most {@code maxAgeNanos} old, else a fresh {@link #sample}: a warm
     * function invoked back to back pays for one {@code /proc} read per interval, not per invocation.
     */
    long recent(long maxAgeNanos) {
        return measured && System.nanoTime() - lastNanos <= maxAgeNanos ? lastBytes : sample();
    }

    /** Reads the process and the descendants found by the last {@link #sampleTree}. */
    long sample() {
        long total = rss(root.pid());
        for (long child : children) {
            total += rss(child);
        }
        if (total > peakBytes) {
            peakBytes = total;
        }
        lastBytes = total;
        lastNanos = System.nanoTime();
        measured = true;
        return total;
    }

    /** The peak so far in whole megabytes, rounded up, as Lambda's REPORT shows it. */
    int peakMb() {
        return (int) ((peakBytes + MB - 1) / MB);
    }

    static long megabytes(int mb) {
        return mb * MB;
    }

    /** {@code VmRSS} of {@code pid} in bytes; 0 when the process is gone or the file cannot be read. */
    static long rss(long pid) {
        byte[] status;
        try {
            status = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("status"));
        } catch (IOException e) {
            return 0;
        }
        String text = new String(status, StandardCharsets.US_ASCII);
        int at = text.indexOf("VmRSS:");
        if (at < 0) {
            return 0;
        }
        long kb = 0;
        for (int i = at + "VmRSS:".length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                kb = kb * 10 + (c - '0');
            } else if (kb > 0 || c == '\n') {
                break;
            }
        }
        return kb * 1024;
    }
}
