package dev.miniats.bench;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a workshop user meets: {@code ats up} in a process of its own (with the class-data archive
 * {@code ./ats} records, from the same training run), two seconds idle after its "Ready" line,
 * then the brief's send-assessment event, PutEvents answered → the mail readable over IMAP; then
 * {@value #AFTER} more, one after the other. Each start gets a new data dir. With several jars the
 * starts alternate between them, so a busy machine weighs on each alike. A main program; not
 * thread-safe.
 *
 * <p>Run: {@code bench/run.sh first-mail} (this worktree's jar), or
 * {@code java -cp <bench classpath> dev.miniats.bench.FirstMail <runs> <jar> [<jar> ...]}.
 */
public final class FirstMail {
    static final int AFTER = 9;
    private static final Pattern ENDPOINT = Pattern.compile("^AWS endpoint: (http://\\S+)");
    private static final Pattern IMAP = Pattern.compile("^IMAP: [^:]+:(\\d+)");

    private FirstMail() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<String> jars = List.of(args).subList(1, args.length);
        Path work = Files.createTempDirectory("ats-first-mail");
        Map<String, Path> archives = new LinkedHashMap<>();
        for (int i = 0; i < jars.size(); i++) {
            archives.put(jars.get(i), train(jars.get(i), work.resolve("archive-" + i + ".jsa"), work.resolve("train-" + i)));
        }
        Map<String, List<Long>> first = new LinkedHashMap<>();
        Map<String, List<Long>> after = new LinkedHashMap<>();
        System.out.printf("cores: %d, load average at start: %s%n", Runtime.getRuntime().availableProcessors(), MailLatency.loadAverage());
        for (int run = 0; run < runs; run++) {
            for (String jar : jars) {
                List<Long> micros = measure(jar, archives.get(jar), Files.createTempDirectory(work, "data"), run);
                first.computeIfAbsent(jar, j -> new ArrayList<>()).add(micros.get(0));
                after.computeIfAbsent(jar, j -> new ArrayList<>()).addAll(micros.subList(1, micros.size()));
                System.out.printf("  run %d %s: first %.1f ms%n", run + 1, jar, micros.get(0) / 1000.0);
            }
        }
        for (String jar : jars) {
            List<Long> firsts = new ArrayList<>(first.get(jar));
            Collections.sort(firsts);
            List<Long> rest = new ArrayList<>(after.get(jar));
            Collections.sort(rest);
            System.out.printf("%s: the first mail after `ats up`, PutEvents answered -> readable over IMAP, %d starts: median %.1f ms"
                            + " (%.1f-%.1f); the %d after it: p50 %.1f ms, p90 %.1f ms%n", jar, firsts.size(),
                    firsts.get(firsts.size() / 2) / 1000.0, firsts.get(0) / 1000.0, firsts.get(firsts.size() - 1) / 1000.0, AFTER,
                    rest.get(rest.size() / 2) / 1000.0, rest.get((int) (rest.size() * 0.9)) / 1000.0);
        }
        System.out.printf("load average at end: %s%n", MailLatency.loadAverage());
    }

    /** Records the archive as {@code ./ats} does: one training run that goes through the workshop once. */
    private static Path train(String jar, Path archive, Path dir) throws Exception {
        Process training = new ProcessBuilder("java", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-jar", jar, "up", "--train", "--data-dir", dir.toString(), "--port", "0", "--smtp-port", "0", "--imap-port", "0",
                "--xray-port", "0").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!training.waitFor(120, TimeUnit.SECONDS) || !Files.exists(archive)) {
            training.destroyForcibly();
            throw new IllegalStateException("the training run of " + jar + " recorded no archive");
        }
        return archive;
    }

    /** One start: microseconds from each PutEvents answer to its mail, the first one first. */
    private static List<Long> measure(String jar, Path archive, Path dataDir, int run) throws Exception {
        Process ats = new ProcessBuilder("java", "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-jar", jar, "up", "--data-dir", dataDir.toString(), "--port", "0", "--smtp-port", "0",
                "--imap-port", "0", "--xray-port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(ats.getInputStream(), StandardCharsets.UTF_8));
            URI endpoint = null;
            int imap = -1;
            for (String line = out.readLine(); line != null && !line.startsWith("Ready in"); line = out.readLine()) {
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    endpoint = URI.create(m.group(1));
                }
                Matcher i = IMAP.matcher(line);
                if (i.find()) {
                    imap = Integer.parseInt(i.group(1));
                }
            }
            if (endpoint == null || imap < 0) {
                throw new IllegalStateException("ats up (" + jar + ") printed no endpoint or IMAP port before it stopped");
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // the runtime's log, read so its pipe never fills
                    }
                } catch (IOException stopped) {
                    // the process was stopped and its stream closed
                }
            }, "drain");
            drain.setDaemon(true);
            drain.start();
            Thread.sleep(2_000); // a user reads the lines, then puts an event
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Session session = Session.getInstance(new Properties());
            String kind = "first" + run + "-";
            IntFunction<HttpRequest> putEvents = MailLatency.putEvents(endpoint, kind);
            List<Long> micros = new ArrayList<>();
            for (int n = 0; n <= AFTER; n++) {
                String to = MailLatency.address(kind, n);
                try (Store store = session.getStore("imap")) {
                    store.connect("127.0.0.1", imap, to, to); // authentication is off: the login creates the mailbox
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    HttpResponse<String> answer = http.send(putEvents.apply(n), HttpResponse.BodyHandlers.ofString());
                    long answered = System.nanoTime();
                    if (answer.statusCode() != 200 || !answer.body().contains("\"FailedEntryCount\":0")) {
                        throw new IllegalStateException("PutEvents answered " + answer.statusCode() + ": " + answer.body());
                    }
                    MailLatency.awaitByPolling(inbox, answered, to);
                    micros.add((System.nanoTime() - answered) / 1_000);
                    inbox.close(false);
                }
            }
            return micros;
        } finally {
            ats.destroy(); // SIGTERM: the runtime stops as on Ctrl-C
            if (!ats.waitFor(10, TimeUnit.SECONDS)) {
                ats.destroyForcibly();
            }
        }
    }
}
