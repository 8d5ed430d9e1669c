package dev.miniats.local.ses;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Protocol;

/**
 * Thrown when the local SES refuses a request. SES v1 (Query) and SES v2 (REST-JSON) name the
 * same failure differently (v1 {@code InvalidParameterValue} is v2 {@code BadRequestException}),
 * so each failure carries both codes and the HTTP layer picks the one of the protocol in use.
 * None of them is retryable: the same request fails the same way.
 */
abstract sealed class SesException extends AwsException
        permits MessageRejectedException, InvalidSesRequestException, SesNotFoundException, SesAlreadyExistsException,
        TemplateDoesNotExistException, ReceiptRuleException {
    private final String queryCode;
    private final String restCode;

    SesException(int status, String queryCode, String restCode, String message) {
        super(status, restCode, message);
        this.queryCode = queryCode;
        this.restCode = restCode;
    }

    @Override
    public String code(Protocol protocol) {
        return protocol == Protocol.QUERY ? queryCode : restCode;
    }

    /** The error code SES v1 (the Query API) answers with. */
    public String queryCode() {
        return queryCode;
    }

    /** The error code SES v2 (the REST API) answers with. */
    public String restCode() {
        return restCode;
    }
}
