package dev.miniats.functions.replies;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The event SES receiving gives a Lambda action: one record per mail, naming its
 * {@code messageId} (the key the preceding S3 action stored it under, after the prefix) and the
 * {@code recipients} the receipt rule matched. Only the fields the calendar-reply function reads
 * are kept; the rest (headers, verdicts but the virus one) are ignored. The content itself is not
 * in the event: SES puts it in S3.
 *
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda-event.html">Lambda event for SES receiving</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SesReceivingEvent(@JsonProperty("Records") List<Record> records) {
    SesReceivingEvent {
        if (records == null || records.isEmpty()) {
            throw new InvalidReceivingEventException("Records is " + (records == null ? "missing" : "empty")
                    + "; expected the SES receiving event, one record per mail");
        }
        records = List.copyOf(records);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Record(String eventSource, Ses ses) {
        Record {
            if (!"aws:ses".equals(eventSource)) {
                throw new InvalidReceivingEventException("Records[].eventSource is '" + eventSource + "'; expected aws:ses");
            }
            if (ses == null) {
                throw new InvalidReceivingEventException("Records[].ses is missing; expected the mail and the receipt");
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ses(Mail mail, Receipt receipt) {
        Ses {
            if (mail == null || receipt == null) {
                throw new InvalidReceivingEventException("Records[].ses has no " + (mail == null ? "mail" : "receipt") + "; expected both");
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Mail(String messageId, String source) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Receipt(List<String> recipients, Verdict virusVerdict) {
        Receipt {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }

        /** SES found a virus ({@code virusVerdict.status} FAIL): the mail is not read. */
        boolean virus() {
            return virusVerdict != null && "FAIL".equalsIgnoreCase(virusVerdict.status());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Verdict(String status) {
    }
}
