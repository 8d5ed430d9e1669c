package dev.miniats.local.ses;

/**
 * Thrown when an SES v1 operation (SendTemplatedEmail, GetTemplate, UpdateTemplate,
 * TestRenderTemplate) names a template that does not exist: v1's own {@code TemplateDoesNotExist},
 * HTTP 400 (https://docs.aws.amazon.com/ses/latest/APIReference/API_GetTemplate.html#API_GetTemplate_Errors).
 * SES v2 answers {@link SesNotFoundException} (404) for the same case.
 */
final class TemplateDoesNotExistException extends SesException {
    public TemplateDoesNotExistException(String name) {
        super(400, "TemplateDoesNotExist", "NotFoundException", "Template " + name + " does not exist.");
    }
}
