package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.Json;
import dev.miniats.local.aws.QueryStrings;
import dev.miniats.local.mail.InboundMailListener;
import dev.miniats.local.sqlite.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * SES email receiving for mail the local SMTP server accepts: for each recipient a rule of the
 * ACTIVE set matches, the set's enabled matching rules run in order, each rule's actions in order
 * (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-receipt-rules-console-walkthrough.html,
 * https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action.html). A failed action is
 * recorded and the next one runs, as SES does; a StopAction, or a RequestResponse function answering
 * {@code {"disposition":"STOP_RULE"}} or {@code "STOP_RULE_SET"}, ends the rule or the set.
 * Each recipient is a receipt of its own (GreenMail hands over one recipient at a time), and what it
 * matched and did is recorded ({@code GET /_ats/ses/receipts}).
 *
 * <p>Thread-safe: mail is processed on one worker thread, in the order received, so the SMTP
 * client is answered without waiting for the actions.
 */
public final class InboundReceipts implements InboundMailListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboundReceipts.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ReceiptRules rules;
    private final ReceiptTargets targets;
    private final ReceiptLog log;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ses-receiving");
        t.setDaemon(true);
        return t;
    });

    public InboundReceipts(Database db, ReceiptRules rules, ReceiptTargets targets, Clock clock) {
        this.rules = rules;
        this.targets = targets;
        this.log = new ReceiptLog(db);
        this.clock = clock;
    }

    @Override
    public void received(byte[] raw, String recipient) {
        worker.execute(() -> {
            try {
                process(raw, recipient);
            } catch (RuntimeException e) {
                LOG.warn("SES receiving failed for a message to {}: {}", recipient, e.toString());
            }
        });
    }

    private void process(byte[] raw, String recipient) {
        ReceiptRules.RuleSet set = rules.active().orElse(null);
        if (set == null) {
            return; // receiving is off until a rule set is active
        }
        List<ReceiptRule> matching = set.rules().stream().filter(r -> r.enabled() && r.matches(recipient)).toList();
        if (matching.isEmpty()) {
            return; // SES would not accept mail for a recipient no rule names
        }
        long receivedAt = clock.millis();
        String messageId = messageId();
        byte[] mail = raw;
        List<ReceiptLog.Step> steps = new ArrayList<>();
        boolean stopSet = false;
        for (ReceiptRule rule : matching) {
            for (ReceiptAction action : rule.actions()) {
                Outcome outcome = run(action, mail, messageId, receivedAt, recipient);
                steps.add(new ReceiptLog.Step(rule.name(), outcome.action(), outcome.result(), outcome.detail()));
                mail = outcome.mail() == null ? mail : outcome.mail();
                if (outcome.stop() != Stop.NONE) {
                    stopSet = outcome.stop() == Stop.RULE_SET;
                    break;
                }
            }
            if (stopSet) {
                break;
            }
        }
        log.record(receivedAt, messageId, recipient.toLowerCase(Locale.ROOT), set.name(), steps);
    }

    private enum Stop { NONE, RULE, RULE_SET }

    /** What one action did; {@code mail} is the changed mail (AddHeader) or null. */
    private record Outcome(String action, String result, String detail, Stop stop, byte[] mail) {
        static Outcome ok(String action, String detail) {
            return new Outcome(action, "OK", detail, Stop.NONE, null);
        }

        static Outcome failed(String action, String detail) {
            return new Outcome(action, "FAILED", detail, Stop.NONE, null);
        }
    }

    private Outcome run(ReceiptAction a, byte[] mail, String messageId, long receivedAt, String recipient) {
        if (a.s3Action() != null) {
            String key = a.s3Action().key(messageId);
            try {
                targets.putObject(a.s3Action().bucketName(), key, mail);
                return Outcome.ok("S3Action", "s3://" + a.s3Action().bucketName() + "/" + key);
            } catch (RuntimeException e) {
                return Outcome.failed("S3Action", "s3://" + a.s3Action().bucketName() + "/" + key + ": " + e.getMessage());
            }
        }
        if (a.lambdaAction() != null) {
            return invoke(a.lambdaAction(), mail, messageId, receivedAt, recipient);
        }
        if (a.stopAction() != null) {
            return new Outcome("StopAction", "STOPPED", "rule set evaluation ends", Stop.RULE_SET, null);
        }
        String header = a.addHeaderAction().headerName() + ": " + a.addHeaderAction().headerValue() + "\r\n";
        byte[] added = header.getBytes(StandardCharsets.UTF_8);
        byte[] changed = new byte[added.length + mail.length];
        System.arraycopy(added, 0, changed, 0, added.length);
        System.arraycopy(mail, 0, changed, added.length, mail.length);
        return new Outcome("AddHeaderAction", "OK", header.strip(), Stop.NONE, changed);
    }

    private Outcome invoke(ReceiptAction.Lambda lambda, byte[] mail, String messageId, long receivedAt, String recipient) {
        byte[] event = SesMailEvent.of(SesMailEvent.Parsed.of(mail), messageId, Instant.ofEpochMilli(receivedAt).toString(), recipient,
                clock.millis() - receivedAt, lambda);
        byte[] answer;
        try {
            answer = targets.invoke(lambda.functionArn(), lambda.invocationType(), event);
        } catch (RuntimeException e) {
            return Outcome.failed("LambdaAction", lambda.functionArn() + ": " + e.getMessage());
        }
        if (answer == null) {
            return Outcome.ok("LambdaAction", lambda.functionArn() + " (Event)");
        }
        // Only a synchronous invocation's answer can steer the rule set
        // (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda-example-functions.html)
        String disposition = disposition(answer);
        String detail = lambda.functionArn() + " (RequestResponse)" + (disposition == null ? "" : ": " + disposition);
        return switch (disposition == null ? "CONTINUE" : disposition) {
            case "STOP_RULE" -> new Outcome("LambdaAction", "STOPPED", detail, Stop.RULE, null);
            case "STOP_RULE_SET" -> new Outcome("LambdaAction", "STOPPED", detail, Stop.RULE_SET, null);
            default -> Outcome.ok("LambdaAction", detail);
        };
    }

    private static String disposition(byte[] answer) {
        try {
            JsonNode node = Json.MAPPER.readTree(answer);
            return node != null && node.path("disposition").isTextual() ? node.get("disposition").asText() : null;
        } catch (java.io.IOException e) {
            return null; // any other answer means CONTINUE
        }
    }

    /** SES's message ids are 32 to 40 lower-case letters and digits; the S3 object key ends with one. */
    private static String messageId() {
        char[] id = new char[40];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    public void register(RoutesConfig routes) {
        routes.get("/_ats/ses/receipts", this::list);
    }

    /** {@code GET /_ats/ses/receipts?recipient=&limit=}: the receipts, newest first. */
    private void list(Context ctx) {
        String recipient = ctx.queryParam("recipient");
        int limit = (int) QueryStrings.number(ctx, "limit", 50, 1, 500);
        Json.answer(ctx, "application/json", log.recent(recipient == null || recipient.isBlank() ? null
                : recipient.strip().toLowerCase(Locale.ROOT), limit));
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
