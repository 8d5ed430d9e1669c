package dev.miniats.local.mail;

import java.util.Objects;

/**
 * An external SMTP server that receives every message instead of the embedded mailbox, e.g. a
 * company relay or a mail catcher. {@code user} and {@code password} are null for no AUTH.
 * {@code toString} hides the password.
 */
public record SmtpRelay(String host, int port, boolean startTls, String user, String password) {
    public SmtpRelay {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP relay is " + host + ":" + port + "; expected host:port with a port from 1 to 65535");
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("SMTP relay user " + user + " needs a password (environment ATS_SMTP_RELAY_PASSWORD)");
        }
    }

    /** Parses {@code host:port} ({@code [v6]:port} for IPv6). */
    public static SmtpRelay parse(String hostAndPort, boolean startTls, String user, String password) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("SMTP relay is '" + hostAndPort + "'; expected host:port");
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new SmtpRelay(host, Integer.parseInt(hostAndPort.substring(colon + 1)), startTls, user, password);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SMTP relay is '" + hostAndPort + "'; expected host:port with a numeric port", e);
        }
    }

    @Override
    public String toString() {
        return "SmtpRelay[" + host + ":" + port + (startTls ? ", STARTTLS" : "") + (user == null ? "" : ", user " + user) + "]";
    }
}
