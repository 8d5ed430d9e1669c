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
 * Partner events go to {@value #PARTNER_ROSTER} instead; {@value #PIPELINE} sees every event.
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
                emailRoute(DetailType.RESCHEDULE_INTERVIEW, "reschedule-interview", "Send the candidate the moved interview's updated invite", partners),
                emailRoute(DetailType.CANCEL_INTERVIEW, "cancel-interview", "Send the candidate the interview's cancellation", partners),
                emailRoute(DetailType.SEND_OFFER_LETTER, "send-offer-letter", "Email the candidate an offer letter with the PDF letter", partners),
                emailRoute(DetailType.REJECT_CANDIDATE, REJECT_CANDIDATE, "Email the candidate a kind rejection; the reason stays internal", partners),
                partnerRosterRoute(partners),
                pipelineRoute());
        return new RoutingDeclaration(busName, SOURCE, partners, routes);
    }

    /** Rule and function name of the partner roster. */
    public static final String PARTNER_ROSTER = "collect-partner-roster";
    /** Rule and function name of the rejection mail. */
    public static final String REJECT_CANDIDATE = "reject-candidate";
    /**
     * What the partner roster collects: the invitations a partner company's candidate gets. A
     * candidate's answers and a rejection only move the pipeline.
     */
    public static final List<DetailType> PARTNER_ROSTER_TYPES = List.of(DetailType.SEND_ASSESSMENT,
            DetailType.SCHEDULE_INTERVIEW, DetailType.RESCHEDULE_INTERVIEW, DetailType.CANCEL_INTERVIEW,
            DetailType.SEND_OFFER_LETTER);
    /** Rule and function name of the pipeline projection. */
    public static final String PIPELINE = "record-pipeline";

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

    /** Every hiring event of a partner company (any case), which the email rules leave out. */
    private static Route partnerRosterRoute(List<String> partners) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(SOURCE);
        ArrayNode types = pattern.putArray("detail-type");
        for (DetailType type : PARTNER_ROSTER_TYPES) {
            types.add(type.wireName());
        }
        ArrayNode company = pattern.putObject("detail").putArray("companyName");
        partners.forEach(partner -> company.addObject().put("equals-ignore-case", partner));
        return new Route(PARTNER_ROSTER, "Put partner companies' candidates on their on-site testing day roster",
                pattern.toString(), PARTNER_ROSTER, RetryPolicy.DEFAULT, true);
    }

    /** Every mini-ats event, partner or not, so each candidate's stage history is complete. */
    private static Route pipelineRoute() {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(SOURCE);
        return new Route(PIPELINE, "Record every hiring event in the candidate's stage history",
                pattern.toString(), PIPELINE, RetryPolicy.DEFAULT, true);
    }
}
