package dev.miniats.functions;

import dev.miniats.core.mail.MailUnavailableException;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.RawEmail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Mailer} that keeps what it is given, for handler tests. It can fail the next sends
 * like a throttling SES, and take its time to widen race windows. Thread-safe.
 */
final class RecordingMailer implements Mailer {
    private final List<RawEmail> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long delayMillis;

    void failNext(int count) {
        failures.set(count);
    }

    void delayEachSend(long millis) {
        delayMillis = millis;
    }

    List<RawEmail> sent() {
        return List.copyOf(sent);
    }

    @Override
    public String send(RawEmail email) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new MailUnavailableException("throttled (test)", null);
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailUnavailableException("interrupted", e);
            }
        }
        sent.add(email);
        return "message-" + sent.size();
    }
}
