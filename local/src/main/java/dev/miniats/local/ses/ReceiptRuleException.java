package dev.miniats.local.ses;

/**
 * Thrown when a receipt rule request is refused, with SES v1's error code
 * (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html and each receipt
 * operation's Errors section). None is retryable: the same request fails the same way.
 */
public final class ReceiptRuleException extends SesException {
    private ReceiptRuleException(int status, String code, String message) {
        super(status, code, code, message);
    }

    /** Thrown when a named rule set does not exist: {@code RuleSetDoesNotExist}. */
    static ReceiptRuleException noRuleSet(String name) {
        return new ReceiptRuleException(400, "RuleSetDoesNotExist", "Rule set does not exist: " + name);
    }

    /** Thrown when a named rule does not exist in its set: {@code RuleDoesNotExist}. */
    static ReceiptRuleException noRule(String name) {
        return new ReceiptRuleException(400, "RuleDoesNotExist", "Rule does not exist: " + name);
    }

    /** Thrown when a rule set or a rule with that name already exists: {@code AlreadyExists}. */
    static ReceiptRuleException alreadyExists(String what) {
        return new ReceiptRuleException(400, "AlreadyExists", what + " already exists.");
    }

    /** Thrown when the active rule set is deleted: {@code CannotDelete}. */
    static ReceiptRuleException cannotDelete(String name) {
        return new ReceiptRuleException(400, "CannotDelete", "Cannot delete active rule set: " + name);
    }

    /** Thrown when a LambdaAction names a function that does not exist: {@code InvalidLambdaFunction}. */
    static ReceiptRuleException invalidLambda(String arn) {
        return new ReceiptRuleException(400, "InvalidLambdaFunction", "Could not invoke Lambda function: " + arn
                + " (no such function in the local runtime)");
    }

    /** Thrown when an S3Action names a bucket that does not exist: {@code InvalidS3Configuration}. */
    static ReceiptRuleException invalidS3(String bucket) {
        return new ReceiptRuleException(400, "InvalidS3Configuration", "Could not write to bucket: " + bucket
                + " (no such bucket in the local runtime)");
    }

    /** Thrown when a parameter is missing or malformed: {@code ValidationError}, naming the field and the value. */
    static ReceiptRuleException invalid(String message) {
        return new ReceiptRuleException(400, "ValidationError", message);
    }
}
