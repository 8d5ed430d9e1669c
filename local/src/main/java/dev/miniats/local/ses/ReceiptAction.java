package dev.miniats.local.ses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * One action of a receipt rule (https://docs.aws.amazon.com/ses/latest/APIReference/API_ReceiptAction.html):
 * exactly one member is set. S3, Lambda, Stop and AddHeader run locally; SNS, Bounce, WorkMail and
 * Connect actions, and SNS notifications ({@code TopicArn}), have nothing to run against offline and
 * are refused when the rule is made, never skipped when mail arrives. Immutable.
 */
public record ReceiptAction(@JsonProperty("S3Action") S3 s3Action, Lambda lambdaAction, Stop stopAction, AddHeader addHeaderAction,
                            @JsonProperty("SNSAction") JsonNode snsAction, JsonNode bounceAction,
                            @JsonProperty("WorkmailAction") JsonNode workmailAction, JsonNode connectAction) {
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,50}");

    public ReceiptAction {
        unsupported("SNSAction", snsAction);
        unsupported("BounceAction", bounceAction);
        unsupported("WorkmailAction", workmailAction);
        unsupported("ConnectAction", connectAction);
        int set = (s3Action == null ? 0 : 1) + (lambdaAction == null ? 0 : 1) + (stopAction == null ? 0 : 1)
                + (addHeaderAction == null ? 0 : 1);
        if (set != 1) {
            throw ReceiptRuleException.invalid("A receipt action has " + set + " action types set; expected exactly one of "
                    + "S3Action, LambdaAction, StopAction, AddHeaderAction");
        }
    }

    private static void unsupported(String type, JsonNode value) {
        if (value != null && !value.isNull()) {
            throw ReceiptRuleException.invalid("Action type " + type + " is not supported by the local runtime's SES receiving"
                    + " (nothing to deliver it to offline); supported: S3Action, LambdaAction, StopAction, AddHeaderAction");
        }
    }

    private static void noTopic(String action, String topicArn) {
        if (topicArn != null) {
            throw ReceiptRuleException.invalid(action + ".TopicArn is '" + topicArn + "'; SNS notifications are not supported by"
                    + " the local runtime's SES receiving: leave TopicArn out");
        }
    }

    /** Stores the raw mail as {@code ObjectKeyPrefix + messageId} in a bucket. */
    public record S3(String bucketName, String objectKeyPrefix, String kmsKeyArn, String topicArn, String iamRoleArn) {
        public S3 {
            if (bucketName == null || bucketName.isBlank()) {
                throw ReceiptRuleException.invalid("S3Action.BucketName is '" + bucketName + "'; expected a bucket name");
            }
            if (objectKeyPrefix != null && objectKeyPrefix.length() > 1024) {
                throw ReceiptRuleException.invalid("S3Action.ObjectKeyPrefix is " + objectKeyPrefix.length() + " characters; at most 1024");
            }
            noTopic("S3Action", topicArn);
        }

        String key(String messageId) {
            return (objectKeyPrefix == null ? "" : objectKeyPrefix) + messageId;
        }
    }

    /** Invokes a function with the SES event; RequestResponse waits for its disposition. */
    public record Lambda(String functionArn, String invocationType, String topicArn) {
        public Lambda {
            if (functionArn == null || functionArn.isBlank()) {
                throw ReceiptRuleException.invalid("LambdaAction.FunctionArn is '" + functionArn + "'; expected a function ARN");
            }
            invocationType = invocationType == null ? "Event" : invocationType;
            if (!invocationType.equals("Event") && !invocationType.equals("RequestResponse")) {
                throw ReceiptRuleException.invalid("LambdaAction.InvocationType is '" + invocationType
                        + "'; expected Event or RequestResponse");
            }
            noTopic("LambdaAction", topicArn);
        }
    }

    /** Ends the rule set's evaluation: later actions and rules do not run. */
    public record Stop(String scope, String topicArn) {
        public Stop {
            if (!"RuleSet".equals(scope)) {
                throw ReceiptRuleException.invalid("StopAction.Scope is '" + scope + "'; expected RuleSet");
            }
            noTopic("StopAction", topicArn);
        }
    }

    /** Adds a header to the mail that later actions store or pass on. */
    public record AddHeader(String headerName, String headerValue) {
        public AddHeader {
            if (headerName == null || !HEADER_NAME.matcher(headerName).matches()) {
                throw ReceiptRuleException.invalid("AddHeaderAction.HeaderName is '" + headerName
                        + "'; expected 1 to 50 letters, digits or dashes");
            }
            if (headerValue == null || headerValue.length() > 2048 || headerValue.contains("\r") || headerValue.contains("\n")) {
                throw ReceiptRuleException.invalid("AddHeaderAction.HeaderValue is '" + headerValue
                        + "'; expected at most 2048 characters without line breaks");
            }
        }
    }
}
