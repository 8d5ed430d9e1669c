package dev.miniats.local.ses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.aws.QueryStrings;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.mail.StoredMail;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The sent mail, readable over HTTP. {@code /_aws/ses} has the shape of LocalStack's endpoint
 * (https://docs.localstack.cloud/aws/services/ses/), so tests written against LocalStack keep
 * working; {@code /_ats/mails} adds each message's delivery state (status, attempts, last error).
 * Thread-safe: it keeps no state of its own.
 */
final class SentMailApi {
    /** LocalStack writes timestamps as {@code 2024-01-31T12:00:00}, UTC without an offset. */
    private static final DateTimeFormatter LOCALSTACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final MailStore mails;
    private final String region;
    private final Clock clock;

    SentMailApi(MailStore mails, String region, Clock clock) {
        this.mails = mails;
        this.region = region;
        this.clock = clock;
    }

    /** {@code {"messages": [...]}}, as LocalStack answers. */
    record SentMessages(@JsonProperty("messages") List<SentMessage> messages) {
    }

    /**
     * One message as LocalStack lists it: Destination, Subject and Body for Simple content,
     * RawData for a raw message.
     */
    record SentMessage(String id, String region, Destination destination, String source, String subject, Body body,
                       String rawData, String timestamp) {
    }

    /** The recipients of a Simple message; LocalStack leaves out an empty list. */
    record Destination(List<String> toAddresses, List<String> ccAddresses, List<String> bccAddresses) {
    }

    /** LocalStack's Body of a Simple message: both parts, an absent one as {@code null}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Body(@JsonProperty("text_part") String textPart, @JsonProperty("html_part") String htmlPart) {
    }

    /** What a message was sent with, stored beside it (mails.request_view) for this listing. */
    record RequestView(Destination destination, Body body) {
    }

    /** One message with its delivery state; absent values are {@code null}, the raw MIME only on the single view. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Delivery(String id, String api, String source, List<String> destinations, String subject, String status, int attempts,
                    String lastError, String deliveredVia, String createdAt, String deliveredAt, int sizeBytes,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String raw) {
    }

    /** {@code GET /_aws/ses?id=&email=}: {@code email} filters on the sender, as LocalStack does. */
    SentMessages list(String id, String email) {
        return new SentMessages(mails.listed(blankToNull(id), blankToNull(email)).stream().map(this::localStackView).toList());
    }

    /** {@code DELETE /_aws/ses[?id=]}: off the list (still stored and delivered); 204 like LocalStack. */
    void clear(Context ctx) {
        mails.clear(blankToNull(ctx.queryParam("id")), clock.millis());
        ctx.status(204);
    }

    /** {@code GET /_ats/mails}: newest first, with delivery state. */
    List<Delivery> deliveries(Context ctx) {
        int limit = (int) QueryStrings.number(ctx, "limit", 100, 1, 1000);
        return mails.recent(limit).stream().map(mail -> delivery(mail, null)).toList();
    }

    /** {@code GET /_ats/mails/{id}}: one message with its delivery state and raw MIME. */
    Delivery delivery(String id) {
        StoredMail mail = mails.get(id).orElseThrow(() -> AwsException.notFound("Message " + id + " does not exist."));
        return delivery(mail, new String(mail.raw(), StandardCharsets.UTF_8));
    }

    private SentMessage localStackView(StoredMail mail) {
        String timestamp = LOCALSTACK_TIME.format(Instant.ofEpochMilli(mail.createdAt()));
        if (mail.requestView() == null) {
            return new SentMessage(mail.id(), region, null, mail.source(), null, null,
                    new String(mail.raw(), StandardCharsets.UTF_8), timestamp);
        }
        RequestView view = parse(mail);
        return new SentMessage(mail.id(), region, view.destination(), mail.source(), mail.subject(), view.body(), null, timestamp);
    }

    private static Delivery delivery(StoredMail mail, String raw) {
        return new Delivery(mail.id(), mail.api(), mail.source(), mail.destinations(), mail.subject(), mail.status(), mail.attempts(),
                mail.lastError(), mail.deliveredVia(), Instant.ofEpochMilli(mail.createdAt()).toString(),
                mail.deliveredAt() == null ? null : Instant.ofEpochMilli(mail.deliveredAt()).toString(), mail.raw().length, raw);
    }

    private static RequestView parse(StoredMail mail) {
        try {
            return Json.MAPPER.readValue(mail.requestView(), RequestView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mails.request_view of " + mail.id() + " is not JSON", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
