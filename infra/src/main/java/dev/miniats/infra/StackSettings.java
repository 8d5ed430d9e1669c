package dev.miniats.infra;

import dev.miniats.core.routing.RoutingDeclaration;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What varies between two deployments of the same stack: the environment's name (which suffixes
 * every physical name, so {@code dev} and {@code prod} can share an account), the partner
 * companies whose events go to the roster instead of the email functions, and the SES sandbox
 * recipients. Immutable, so thread-safe.
 *
 * @param environmentName   empty for the unsuffixed {@code mini-ats} names, else e.g. {@code dev}
 * @param partners          partner company names, as {@link RoutingDeclaration#of} takes them
 * @param sandboxRecipients addresses the functions may email while the account is in the SES sandbox.
 *                          There SES authorizes {@code ses:SendEmail} against the recipient's identity
 *                          too, so each becomes an identity the roles may send to; empty in production.
 */
public record StackSettings(String environmentName, List<String> partners, List<String> sandboxRecipients) {
    /** CDK context key ({@code -c environment=dev}). */
    public static final String ENVIRONMENT_KEY = "environment";
    /** CDK context key: a JSON array in cdk.json, or a comma-separated list on the command line. */
    public static final String PARTNERS_KEY = "partners";
    /** CDK context key, same forms as {@link #PARTNERS_KEY}. */
    public static final String SANDBOX_RECIPIENTS_KEY = "sandboxRecipients";

    // Physical names are built from it (bus, functions, tables, log groups); Lambda's function
    // name limit is 64 characters, so keep it short and DNS-like.
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,15}");

    public StackSettings {
        Objects.requireNonNull(environmentName, "environmentName");
        if (!environmentName.isEmpty() && !ENVIRONMENT_NAME.matcher(environmentName).matches()) {
            throw new IllegalArgumentException("Environment name '" + environmentName
                    + "' is not valid; expected 1 to 16 lowercase letters, digits or hyphens, e.g. 'dev'");
        }
        partners = List.copyOf(partners);
        if (partners.isEmpty()) {
            throw new IllegalArgumentException("No partner companies given; expected at least one, e.g. 'Insight Partners'");
        }
        sandboxRecipients = List.copyOf(sandboxRecipients);
        for (String recipient : sandboxRecipients) {
            if (!recipient.contains("@")) {
                throw new IllegalArgumentException("Sandbox recipient '" + recipient
                        + "' is not an email address; expected e.g. 'candidate@example.com'");
            }
        }
    }

    public static StackSettings defaults() {
        return new StackSettings("", RoutingDeclaration.DEFAULT_PARTNERS, List.of());
    }

    /** Reads the settings from CDK context values; absent keys keep the defaults. */
    public static StackSettings fromContext(Function<String, Object> context) {
        Object environment = context.apply(ENVIRONMENT_KEY);
        Object partners = context.apply(PARTNERS_KEY);
        Object recipients = context.apply(SANDBOX_RECIPIENTS_KEY);
        return new StackSettings(
                environment == null ? "" : environment.toString().trim(),
                partners == null ? RoutingDeclaration.DEFAULT_PARTNERS : list(partners),
                recipients == null ? List.of() : list(recipients));
    }

    /** {@code mini-ats}, or {@code mini-ats-<environment>}. */
    public String busName() {
        return suffixed(RoutingDeclaration.DEFAULT_BUS);
    }

    /** A physical name for one of the stack's resources, e.g. {@code mini-ats-dev-pipeline}. */
    public String physicalName(String resource) {
        return busName() + "-" + resource;
    }

    public RoutingDeclaration routing() {
        return RoutingDeclaration.of(busName(), partners);
    }

    private String suffixed(String name) {
        return environmentName.isEmpty() ? name : name + "-" + environmentName;
    }

    private static List<String> list(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
