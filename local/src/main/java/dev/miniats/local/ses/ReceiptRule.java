package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.miniats.local.aws.Json;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One SES receipt rule, in SES's own shape (https://docs.aws.amazon.com/ses/latest/APIReference/API_ReceiptRule.html),
 * which is also the {@code Rule} property of {@code AWS::SES::ReceiptRule}. Validated here, so a
 * rule made by the Query API and one made by a stack are refused for the same reasons. Immutable.
 *
 * @param recipients addresses, domains, or {@code .domain} for every subdomain; empty matches every recipient
 */
public record ReceiptRule(String name, boolean enabled, String tlsPolicy, List<String> recipients, List<ReceiptAction> actions,
                          boolean scanEnabled) {
    /** Letters, digits, '.', '_' and '-', starting and ending with a letter or digit, at most 64 (the API reference's constraint). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?");
    private static final int MAX_RECIPIENTS = 100;
    private static final Pattern RECIPIENT = Pattern.compile("[^\\s@]*@?[A-Za-z0-9.-]+");

    public ReceiptRule {
        requireName("Rule.Name", name);
        tlsPolicy = tlsPolicy == null ? "Optional" : tlsPolicy;
        if (!tlsPolicy.equals("Optional") && !tlsPolicy.equals("Require")) {
            throw ReceiptRuleException.invalid("Rule.TlsPolicy is '" + tlsPolicy + "'; expected Optional or Require");
        }
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        if (recipients.size() > MAX_RECIPIENTS) {
            throw ReceiptRuleException.invalid("Rule.Recipients has " + recipients.size() + " entries; at most " + MAX_RECIPIENTS);
        }
        for (String r : recipients) {
            if (r == null || r.isBlank() || r.length() > 320 || !RECIPIENT.matcher(r).matches()) {
                throw ReceiptRuleException.invalid("Rule.Recipients has '" + r + "'; expected an email address, a domain, or .domain");
            }
        }
        actions = actions == null ? List.of() : List.copyOf(actions);
        for (ReceiptAction a : actions) {
            if (a == null) {
                throw ReceiptRuleException.invalid("Rule.Actions has an empty entry; expected one action each");
            }
        }
    }

    /** Reads a rule from its JSON shape; a malformed one is a {@link ReceiptRuleException} naming the field. */
    public static ReceiptRule read(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            throw ReceiptRuleException.invalid("Rule is " + rule + "; expected an object with at least a Name");
        }
        try {
            return Json.MAPPER.treeToValue(rule, ReceiptRule.class);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ReceiptRuleException refused) {
                throw refused;
            }
            throw ReceiptRuleException.invalid("Rule is not a valid receipt rule: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ReceiptRuleException.invalid("Rule is not a valid receipt rule: " + e.getOriginalMessage());
        }
    }

    static String requireName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ReceiptRuleException.invalid(field + " is '" + name + "'; expected 1 to 64 letters, digits, '.', '_' or '-',"
                    + " starting and ending with a letter or digit");
        }
        return name;
    }

    /**
     * Whether this rule takes mail for {@code recipient}: an address matches itself, a domain every
     * address at it, {@code .domain} every address at its subdomains; case-insensitive
     * (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-receipt-rules-console-walkthrough.html).
     */
    public boolean matches(String recipient) {
        if (recipients.isEmpty()) {
            return true;
        }
        String address = recipient.toLowerCase(Locale.ROOT);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        for (String r : recipients) {
            String want = r.toLowerCase(Locale.ROOT);
            if (want.contains("@") ? address.equals(want)
                    : want.startsWith(".") ? domain.endsWith(want) : domain.equals(want)) {
                return true;
            }
        }
        return false;
    }

    String json() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a receipt rule always serialises", e);
        }
    }
}
