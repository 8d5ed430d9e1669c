package dev.miniats.bench;

import dev.miniats.local.LocalRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * PutEvents → function start latency at a fixed arrival rate, open loop, with coordinated-omission
 * correct timing (what wrk2 does; wrk2 is not in Debian): request {@code i} is due at
 * {@code start + i × period}, and its latency is measured from that due time, not from when a
 * connection was free to send it. A runtime that falls behind therefore shows its backlog in the
 * percentiles instead of silently sending fewer requests.
 *
 * <p>The requests are pre-built HTTP/1.1 bytes ({@code AWSEvents.PutEvents}, one fixed body of
 * {@code entries} entries) sent on {@value #CONNECTIONS} keep-alive connections, round robin; only
 * the 19-digit due time inside the body is patched per request. An in-process probe function reads
 * that due time when its handler starts, so "function start" is taken on the same clock.
 *
 * <p>{@code OpenLoop [eventsPerSecond] [seconds] [entriesPerRequest]}: prints the achieved rate and
 * the p50/p90/p99/p99.9/max of due → function start and due → PutEvents answered, after a
 * warm-up of {@value #WARMUP_SECONDS} s at the same rate.
 */
public final class OpenLoop {
    private static final int CONNECTIONS = 32;
    private static final int WARMUP_SECONDS = 20;
    private static final String STAMP = "0000000000000000000";

    private OpenLoop() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int entries = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        LocalRuntime runtime = BenchRuntime.start("probe");
        long periodNanos = TimeUnit.SECONDS.toNanos(1) * entries / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        int expected = (int) ((end - measureFrom) / periodNanos + 1) * entries;
        Histogram started = new Histogram(expected);
        Histogram answered = new Histogram(expected / entries + 1);
        runtime.functions().register("probe", (in, out, context) -> {
            long now = System.nanoTime();
            long due = dueIn(in.readAllBytes());
            if (due >= measureFrom) {
                started.add(now - due);
            }
            out.write(new byte[]{'{', '}'});
        });
        Request template = new Request(runtime.endpoint(), entries);
        Connection[] connections = new Connection[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            connections[i] = new Connection(runtime.endpoint(), template, measureFrom, answered);
            connections[i].start();
        }
        long requests = 0;
        for (long due = start; due < end; due += periodNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // a full queue would mean the runtime is minutes behind: stop rather than hide it
            if (!connections[(int) (requests++ % CONNECTIONS)].due.offer(due)) {
                throw new IllegalStateException("the runtime fell more than " + Connection.BACKLOG + " requests behind per connection");
            }
        }
        for (Connection c : connections) {
            c.due.put(Long.MIN_VALUE);
        }
        for (Connection c : connections) {
            c.join(TimeUnit.SECONDS.toMillis(60));
        }
        Thread.sleep(1000); // the last deliveries
        long failed = Arrays.stream(connections).mapToLong(c -> c.failures.get()).sum();
        System.out.printf(Locale.ROOT, "open loop: %d events/s as %d request(s)/s of %d entr%s, %d s after %d s of warm-up, %d connections;"
                        + " %d events started their function of %d due, %d failed requests%n",
                rate, rate / entries, entries, entries == 1 ? "y" : "ies", seconds, WARMUP_SECONDS, CONNECTIONS,
                started.size(), expected, failed);
        System.out.println("  due -> function start:  " + started.summary());
        System.out.println("  due -> PutEvents answer: " + answered.summary());
        runtime.close();
        System.exit(0);
    }

    /** The due time patched into the entry's detail ({@code "due":"NNN…"}; a string, as JSON numbers have no leading zeros). */
    private static long dueIn(byte[] event) {
        String text = new String(event, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"due\":\"") + 7;
        return Long.parseLong(text.substring(at, at + STAMP.length()));
    }

    /** The pre-built request: headers and body bytes, and where the due time goes in each entry. */
    private static final class Request {
        final byte[] bytes;
        final int[] stampAt;

        Request(URI endpoint, int entries) {
            StringBuilder body = new StringBuilder("{\"Entries\":[");
            for (int i = 0; i < entries; i++) {
                body.append(i == 0 ? "" : ",").append("{\"Source\":\"bench\",\"DetailType\":\"latency\",\"Detail\":\"{\\\"due\\\":\\\"")
                        .append(STAMP).append("\\\",\\\"n\\\":").append(i).append("}\"}");
            }
            body.append("]}");
            String head = "POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSEvents.PutEvents\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n";
            String all = head + body;
            bytes = all.getBytes(StandardCharsets.ISO_8859_1);
            stampAt = new int[entries];
            int from = 0;
            for (int i = 0; i < entries; i++) {
                stampAt[i] = all.indexOf(STAMP, from);
                from = stampAt[i] + 1;
            }
        }
    }

    /** One keep-alive connection sending the requests handed to it, each after the previous one's answer. */
    private static final class Connection extends Thread {
        static final int BACKLOG = 100_000;
        final BlockingQueue<Long> due = new ArrayBlockingQueue<>(BACKLOG);
        final AtomicLong failures = new AtomicLong();
        private final URI endpoint;
        private final byte[] request;
        private final int[] stampAt;
        private final long measureFrom;
        private final Histogram answered;

        Connection(URI endpoint, Request template, long measureFrom, Histogram answered) {
            super("open-loop-connection");
            setDaemon(true);
            this.endpoint = endpoint;
            this.request = template.bytes.clone();
            this.stampAt = template.stampAt;
            this.measureFrom = measureFrom;
            this.answered = answered;
        }

        @Override
        public void run() {
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
                for (long at; (at = due.take()) != Long.MIN_VALUE; ) {
                    byte[] stamp = String.format(Locale.ROOT, "%019d", at).getBytes(StandardCharsets.ISO_8859_1);
                    for (int offset : stampAt) {
                        System.arraycopy(stamp, 0, request, offset, stamp.length);
                    }
                    out.write(request);
                    out.flush();
                    if (!Response.readOk(in)) {
                        failures.incrementAndGet();
                    }
                    if (at >= measureFrom) {
                        answered.add(System.nanoTime() - at);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
