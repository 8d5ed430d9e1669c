package dev.miniats.core.mail;

/**
 * Names Jakarta Mail's stream provider once, in the system property Jakarta Mail reads first, so
 * it stops looking it up with a {@link java.util.ServiceLoader} scan of the whole class path on
 * every {@code MimeBodyPart}, {@code MimeMultipart}, header block and {@code writeTo} it creates
 * (jakarta.mail-api 2.1.3, https://github.com/jakartaee/mail-api/issues/699 and #861). On a
 * 200-jar class path that scan cost ~100 µs of CPU each time, several dozen times per email:
 * about a third of the runtime's CPU between an event and its mail. With the property set a
 * lookup is a loaded-class check (~4 µs). Thread-safe.
 */
public final class MailStreamProvider {
    /** The property {@code jakarta.mail.util.FactoryFinder} reads before its service lookup. */
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    /** Angus Mail's provider, the one the service lookup finds on our class path. */
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProvider() {
    }

    /** Sets the property to Angus Mail's provider unless someone chose another; safe to call many times. */
    public static void pin() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
