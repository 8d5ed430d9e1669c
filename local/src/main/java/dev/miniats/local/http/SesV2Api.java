package dev.miniats.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.ses.LocalSes;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SES v2 over REST-JSON (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html):
 * {@code POST /v2/email/outbound-emails} with Simple or Raw content.
 */
public final class SesV2Api {
    static final String CONTENT_TYPE = "application/json";

    private final LocalSes ses;

    public SesV2Api(LocalSes ses) {
        this.ses = ses;
    }

    void sendEmail(Context ctx) {
        JsonNode request = Json.object(ctx);
        JsonNode content = request.path("Content");
        JsonNode destination = request.path("Destination");
        String from = Json.text(request, "FromEmailAddress");
        String messageId;
        if (content.has("Raw")) {
            String data = Json.text(content.get("Raw"), "Data");
            if (data == null) {
                throw new AwsException(400, "BadRequestException", "Content.Raw.Data is required");
            }
            byte[] raw;
            try {
                raw = Base64.getMimeDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, "BadRequestException", "Content.Raw.Data is not valid base64");
            }
            List<String> recipients = new ArrayList<>();
            recipients.addAll(list(destination, "ToAddresses"));
            recipients.addAll(list(destination, "CcAddresses"));
            recipients.addAll(list(destination, "BccAddresses"));
            messageId = ses.sendRaw("sesv2", raw, recipients, from, LocalSes.MAX_MESSAGE_BYTES_V2);
        } else if (content.has("Simple")) {
            if (from == null) {
                throw new AwsException(400, "BadRequestException", "FromEmailAddress is required for Simple content");
            }
            JsonNode simple = content.get("Simple");
            JsonNode subject = simple.path("Subject");
            JsonNode body = simple.path("Body");
            if (Json.text(subject, "Data") == null) {
                throw new AwsException(400, "BadRequestException", "Content.Simple.Subject.Data is required");
            }
            messageId = ses.sendSimple("sesv2", new LocalSes.Simple(from,
                    list(destination, "ToAddresses"), list(destination, "CcAddresses"), list(destination, "BccAddresses"),
                    list(request, "ReplyToAddresses"),
                    Json.text(subject, "Data"), Json.text(subject, "Charset"),
                    Json.text(body.path("Text"), "Data"), Json.text(body.path("Text"), "Charset"),
                    Json.text(body.path("Html"), "Data"), Json.text(body.path("Html"), "Charset")), LocalSes.MAX_MESSAGE_BYTES_V2);
        } else {
            throw new AwsException(400, "BadRequestException", "Content must contain one of Simple, Raw or Template");
        }
        Json.answer(ctx, CONTENT_TYPE, Map.of("MessageId", messageId));
    }

    static List<String> list(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new AwsException(400, "BadRequestException", field + " must be a list of addresses");
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
