package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.lambda.FunctionResources;

import java.util.Map;
import java.util.Objects;

/**
 * AWS::Lambda::Url (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-url.html):
 * a function URL made through Lambda's own operations. Ref answers the function's ARN (as
 * CloudFormation does); Fn::GetAtt answers {@code FunctionArn} and {@code FunctionUrl}. AuthType,
 * Cors and InvokeMode change in place; another TargetFunctionArn or Qualifier replaces the URL.
 * Thread-safe, as {@link FunctionResources}.
 */
final class LambdaUrlProvider implements ResourceProvider {
    private final FunctionResources lambda;

    LambdaUrlProvider(FunctionResources lambda) {
        this.lambda = lambda;
    }

    @Override
    public Made create(Naming naming, JsonNode p) {
        String target = required(p, "TargetFunctionArn");
        FunctionResources.Url url = lambda.createUrl(target, p.path("Qualifier").asText(null), required(p, "AuthType"), p.path("Cors"),
                p.path("InvokeMode").asText(null));
        return made(url);
    }

    @Override
    public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
        if (!Objects.equals(before.path("TargetFunctionArn").asText(), after.path("TargetFunctionArn").asText())
                || !Objects.equals(before.path("Qualifier").asText(null), after.path("Qualifier").asText(null))) {
            return null;
        }
        return made(lambda.updateUrl(required(after, "TargetFunctionArn"), after.path("Qualifier").asText(null),
                required(after, "AuthType"), after.path("Cors"), after.path("InvokeMode").asText("BUFFERED")));
    }

    @Override
    public void delete(String physicalId, JsonNode p) {
        lambda.deleteUrl(p.path("TargetFunctionArn").asText(physicalId), p.path("Qualifier").asText(null));
    }

    private static Made made(FunctionResources.Url url) {
        return new Made(url.functionArn(), Map.of("FunctionArn", url.functionArn(), "FunctionUrl", url.functionUrl()));
    }

    private static String required(JsonNode p, String property) {
        if (!p.hasNonNull(property) || p.get(property).asText().isBlank()) {
            throw CfnException.invalid("AWS::Lambda::Url: property " + property + " is required");
        }
        return p.get(property).asText();
    }
}
