package dev.miniats.local.aws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept-alive connections, over a raw socket so that the connection reused is the one we hold. The
 * CloudFormation waiter polls every 30 s on one connection; Jetty's default idle timeout was 30 s, and a
 * poll caught in the close was answered 408 with an empty body, which the AWS CLI fails on.
 */
class IdleConnectionTest {
    private static final AwsService PING = routes -> routes.query(new QueryRouter("ping", "2026-12-04")
            .on("Ping", (params, answer, call) -> answer.element("Pong", params.required("Word"))));
    private static final String BODY = "Action=Ping&Version=2026-12-04&Word=hello";

    @Test
    void a_connection_idle_for_longer_than_the_cloudformation_waiters_poll_interval_is_still_served() throws Exception {
        try (HttpServer server = new HttpServer("127.0.0.1", 0, "us-east-1", List.of(PING)).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            assertThat(exchange(socket, BODY)).startsWith("HTTP/1.1 200").contains("<Pong>hello</Pong>");

            Thread.sleep(Duration.ofSeconds(31).toMillis());

            assertThat(exchange(socket, BODY)).as("the same connection, 31 s later").startsWith("HTTP/1.1 200").contains("<Pong>hello</Pong>");
        }
    }

    @Test
    void a_request_the_idle_timeout_cuts_off_is_answered_with_a_status_clients_retry() throws Exception {
        try (HttpServer server = new HttpServer("127.0.0.1", 0, "us-east-1", List.of(PING), Duration.ofMillis(300)).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            // the headers promise a body of which only half arrives before the connection goes idle
            OutputStream out = socket.getOutputStream();
            out.write(post(BODY.substring(0, BODY.length() / 2), BODY.length()));
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 " + HttpServer.CUT_OFF_STATUS + " ").containsIgnoringCase("Connection: close");
        }
    }

    /** A form POST whose headers declare {@code contentLength} bytes, followed by {@code body}. */
    private static byte[] post(String body, int contentLength) {
        return ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one form POST and reads its answer, headers and body, leaving the connection open. */
    private static String exchange(Socket socket, String body) throws IOException {
        socket.getOutputStream().write(post(body, body.length()));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int headEnd = -1;
        int length = 0;
        while (headEnd < 0 || read.size() < headEnd + length) {
            int b = in.read();
            if (b < 0) {
                return read.size() == 0 ? "the server closed the connection" : read.toString(StandardCharsets.UTF_8);
            }
            read.write(b);
            if (headEnd < 0 && read.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                String head = read.toString(StandardCharsets.US_ASCII);
                headEnd = read.size();
                length = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                        .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
