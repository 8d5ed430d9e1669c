package dev.miniats.local.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * GreenMail whose SMTP and IMAP connections send without Nagle's algorithm. GreenMail writes an
 * IMAP answer in pieces (say {@code * 1 EXISTS}, then the tagged {@code OK}); with Nagle on, the
 * second piece waits for the client to acknowledge the first, and the client delays that ACK
 * for up to 40 ms, so every answer that reported a new message took ~40 ms more. Thread-safe as
 * GreenMail is.
 */
final class NoDelayGreenMail extends GreenMail {
    // set after GreenMail's constructor has created the servers; read when a connection is accepted
    private volatile UnaryOperator<ImapHostManager> imapView = UnaryOperator.identity();

    NoDelayGreenMail(ServerSetup[] setups) {
        super(setups);
    }

    /** What IMAP sessions see of the mailboxes: {@code view} applied to GreenMail's own host manager. */
    void imapView(UnaryOperator<ImapHostManager> view) {
        this.imapView = view;
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(setups, managers);
        for (ServerSetup setup : setups) {
            String protocol = setup.getProtocol();
            if (protocol.equals(ServerSetup.PROTOCOL_IMAP)) {
                services.put(protocol, new Imap(setup, managers, this));
            } else if (protocol.equals(ServerSetup.PROTOCOL_SMTP)) {
                services.put(protocol, new Smtp(setup, managers));
            }
        }
        return services;
    }

    /** The port {@code protocol}'s server listens on (after start, the one it picked for port 0). */
    int port(String protocol) {
        return services.get(protocol).getPort();
    }

    private static Socket noDelay(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            return socket;
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * GreenMail's ImapServer (final there), with TCP_NODELAY on every accepted connection and the
     * mailboxes as {@link #imapView} shows them.
     */
    private static final class Imap extends AbstractServer {
        private final NoDelayGreenMail owner;

        Imap(ServerSetup setup, Managers managers, NoDelayGreenMail owner) {
            super(setup, managers);
            this.owner = owner;
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return new ImapHandler(managers.getUserManager(), owner.imapView.apply(managers.getImapHostManager()), noDelay(socket));
        }
    }

    private static final class Smtp extends SmtpServer {
        Smtp(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return super.createProtocolHandler(noDelay(socket));
        }
    }
}
