package dev.miniats.local.xray;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The X-Ray daemon's UDP port: each datagram is the header line
 * {@code {"format": "json", "version": 1}}, a newline and one segment document
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon).
 * X-Ray SDKs and the OpenTelemetry X-Ray exporter send here when {@code AWS_XRAY_DAEMON_ADDRESS}
 * names it. UDP has no answer, so a refused datagram is logged at debug and dropped, as the
 * daemon does. One reader thread; thread-safe.
 */
final class XRayDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XRayDaemon.class);
    /** Room for one 64 KB document and its header line. */
    private static final int MAX_DATAGRAM = SegmentStore.MAX_DOCUMENT_BYTES + 256;

    private final DatagramSocket socket;
    private final Thread reader;
    private final Function<String, SegmentStore.Checked> receiver;

    XRayDaemon(String bindAddress, int port, Function<String, SegmentStore.Checked> receiver) {
        this.receiver = receiver;
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for X-Ray segments on UDP " + bindAddress + ":" + port
                    + " (--xray-port; 0 picks a free port): " + e.getMessage(), e);
        }
        this.reader = new Thread(this::read, "xray-daemon");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void read() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.debug("X-Ray daemon port: {}", e.toString());
                continue;
            }
            handle(new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    /** One datagram: header line, newline, document. Never throws. */
    void handle(String datagram) {
        int newline = datagram.indexOf('\n');
        if (newline < 0 || !validHeader(datagram.substring(0, newline))) {
            LOG.debug("dropped a datagram without the {\"format\":\"json\",\"version\":1} header line");
            return;
        }
        SegmentStore.Checked checked = receiver.apply(datagram.substring(newline + 1));
        if (!checked.ok()) {
            LOG.debug("dropped segment {}: {}: {}", checked.id(), checked.errorCode(), checked.message());
        }
    }

    private static boolean validHeader(String line) {
        try {
            JsonNode header = Json.MAPPER.readTree(line);
            return header != null && "json".equals(header.path("format").asText()) && header.path("version").asInt() == 1;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
