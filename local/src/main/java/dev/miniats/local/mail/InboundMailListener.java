package dev.miniats.local.mail;

/**
 * Told of each message the embedded SMTP server accepts from a client, once per recipient, before
 * it goes into that recipient's mailbox. Messages the local SES delivers in-process are not
 * inbound and are not reported. Implementations are called on GreenMail's SMTP thread, one
 * message at a time, so they should be quick; what they throw is logged, and the message is
 * delivered regardless.
 */
@FunctionalInterface
public interface InboundMailListener {
    void received(byte[] raw, String recipient);
}
