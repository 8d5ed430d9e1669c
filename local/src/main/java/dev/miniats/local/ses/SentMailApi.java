package dev.miniats.local.ses;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.QueryStrings;
import dev.miniats.local.aws.AwsException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.mail.StoredMail;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

    /** {@code GET /_aws/ses?id=&email=}: {@code email} filters on the sender, as LocalStack does. */
    void list(Context ctx) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode messages = answer.putArray("messages");
        for (StoredMail mail : mails.listed(blankToNull(ctx.queryParam("id")), blankToNull(ctx.queryParam("email")))) {
            messages.add(localStackView(mail));
        }
        Json.answer(ctx, "application/json", answer);
    }

    /** {@code DELETE /_aws/ses[?id=]}: off the list (still stored and delivered); 204 like LocalStack. */
    void clear(Context ctx) {
        mails.clear(blankToNull(ctx.queryParam("id")), clock.millis());
        ctx.status(204);
    }

    /** {@code GET /_ats/mails}: newest first, with delivery state. */
    void deliveries(Context ctx) {
        int limit = (int) QueryStrings.number(ctx, "limit", 100, 1, 1000);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (StoredMail mail : mails.recent(limit)) {
            out.add(deliveryView(mail));
        }
        Json.answer(ctx, "application/json", out);
    }

    /** {@code GET /_ats/mails/{id}}: one message with its delivery state and raw MIME. */
    void delivery(Context ctx) {
        StoredMail mail = mails.get(ctx.pathParam("id"))
                .orElseThrow(() -> AwsException.notFound("Message " + ctx.pathParam("id") + " does not exist."));
        ObjectNode node = deliveryView(mail);
        node.put("raw", new String(mail.raw(), StandardCharsets.UTF_8));
        Json.answer(ctx, "application/json", node);
    }

    private ObjectNode localStackView(StoredMail mail) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("Id", mail.id());
        node.put("Region", region);
        if (mail.requestView() != null) {
            JsonNode view = parse(mail);
            node.set("Destination", view.path("Destination"));
            node.put("Source", mail.source());
            node.put("Subject", mail.subject());
            node.set("Body", view.path("Body"));
        } else {
            node.put("Source", mail.source());
            node.put("RawData", new String(mail.raw(), StandardCharsets.UTF_8));
        }
        node.put("Timestamp", LOCALSTACK_TIME.format(Instant.ofEpochMilli(mail.createdAt())));
        return node;
    }

    private static ObjectNode deliveryView(StoredMail mail) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", mail.id());
        node.put("api", mail.api());
        node.put("source", mail.source());
        ArrayNode destinations = node.putArray("destinations");
        mail.destinations().forEach(destinations::add);
        node.put("subject", mail.subject());
        node.put("status", mail.status());
        node.put("attempts", mail.attempts());
        node.put("lastError", mail.lastError());
        node.put("deliveredVia", mail.deliveredVia());
        node.put("createdAt", Instant.ofEpochMilli(mail.createdAt()).toString());
        node.put("deliveredAt", mail.deliveredAt() == null ? null : Instant.ofEpochMilli(mail.deliveredAt()).toString());
        node.put("sizeBytes", mail.raw().length);
        return node;
    }

    private static JsonNode parse(StoredMail mail) {
        try {
            return Json.MAPPER.readTree(mail.requestView());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mails.request_view of " + mail.id() + " is not JSON", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
