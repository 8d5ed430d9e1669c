package dev.miniats.core.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole routing of mini-ats, declared once: the bus, its rules, their patterns and targets.
 * The local bus and the CDK stack both read this object; a test in {@code infra} proves the
 * synthesized CloudFormation patterns equal it. Immutable and thread-safe.
 *
 * <p>Partner companies' events never reach an email function: each email rule filters
 * {@code companyName} with {@code anything-but} / {@code equals-ignore-case}, and events without
 * a company name still reach the function, which rejects them loudly instead of dropping them.
 */
public record RoutingDeclaration(String busName, String source, List<String> partners, List<Route> routes) {
    public static final String DEFAULT_BUS = "mini-ats";
    public static final String SOURCE = "mini-ats";
    public static final List<String> DEFAULT_PARTNERS = List.of("Insight Partners");

    private static final ObjectMapper JSON = new ObjectMapper();

    public RoutingDeclaration {
        Objects.requireNonNull(busName, "busName");
        Objects.requireNonNull(source, "source");
        partners = List.copyOf(partners);
        routes = List.copyOf(routes);
    }

    /** The default routing: bus {@code mini-ats}, partner "Insight Partners". */
    public static RoutingDeclaration defaults() {
        return of(DEFAULT_BUS, DEFAULT_PARTNERS);
    }

    public static RoutingDeclaration of(String busName, List<String> partners) {
        if (partners.isEmpty()) {
            throw new IllegalArgumentException("partners is empty; expected at least one partner company name");
        }
        List<Route> routes = List.of(
                emailRoute(DetailType.SEND_ASSESSMENT, "send-assessment", "Email the candidate an assessment invitation", partners),
                emailRoute(DetailType.SCHEDULE_INTERVIEW, "schedule-interview", "Send the candidate a calendar invite for the interview", partners),
                emailRoute(DetailType.SEND_OFFER_LETTER, "send-offer-letter", "Email the candidate an offer letter", partners));
        return new RoutingDeclaration(busName, SOURCE, partners, routes);
    }

    public Optional<Route> route(String ruleName) {
        return routes.stream().filter(r -> r.ruleName().equals(ruleName)).findFirst();
    }

    private static Route emailRoute(DetailType type, String function, String description, List<String> partners) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(SOURCE);
        pattern.putArray("detail-type").add(type.wireName());
        ArrayNode or = pattern.putObject("detail").putArray("$or");
        or.addObject().putArray("companyName").addObject().put("exists", false);
        ArrayNode notPartner = or.addObject().putArray("companyName").addObject()
                .putObject("anything-but").putArray("equals-ignore-case");
        partners.forEach(notPartner::add);
        return new Route(type.wireName(), description, pattern.toString(), function, RetryPolicy.DEFAULT, true);
    }
}
