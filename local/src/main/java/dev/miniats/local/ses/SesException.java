package dev.miniats.local.ses;

/**
 * Thrown when the local SES refuses a request. SES v1 (Query) and SES v2 (REST-JSON) name the
 * same failure differently (v1 {@code InvalidParameterValue} is v2 {@code BadRequestException}),
 * so each failure carries both codes and the HTTP layer picks the one of the protocol in use.
 * None of them is retryable: the same request fails the same way.
 */
public abstract sealed class SesException extends RuntimeException
        permits MessageRejectedException, InvalidSesRequestException, SesNotFoundException, SesAlreadyExistsException {
    private final int status;
    private final String queryCode;
    private final String restCode;

    SesException(int status, String queryCode, String restCode, String message) {
        super(message);
        this.status = status;
        this.queryCode = queryCode;
        this.restCode = restCode;
    }

    public int status() {
        return status;
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
