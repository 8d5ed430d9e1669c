package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ListArchivesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ListRules, ListEventBuses, ListTargetsByRule and ListArchives page with Limit and NextToken as
 * the EventBridge API reference documents. The SDK for Java v2 has no EventBridge paginators, so
 * SDK callers follow NextToken themselves; the AWS CLI follows it for list-rules and
 * list-targets-by-rule (its --page-size and --max-items) and takes --limit/--next-token for the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPagingTest {
    @TempDir
    static Path scratch;
    private static final String BUS = "paged";
    private static final List<String> RULES = IntStream.rangeClosed(1, 7).mapToObj(i -> "rule-" + i).toList();
    private static final List<String> TARGETS = List.of("t1", "t2", "t3", "t4", "t5");
    private TestRuntime ats;

    @BeforeAll
    void start() {
        ats = TestRuntime.start();
        ats.events.createEventBus(r -> r.name(BUS));
        for (String rule : RULES) {
            ats.events.putRule(r -> r.eventBusName(BUS).name(rule).eventPattern("{\"source\":[\"" + rule + "\"]}"));
        }
        ats.events.putTargets(r -> r.eventBusName(BUS).rule("rule-1").targets(TARGETS.stream()
                .map(id -> Target.builder().id(id).arn(TestRuntime.functionArn("ats-noop")).build()).toList()));
        for (int i = 1; i <= 5; i++) {
            String name = "pagebus-" + i;
            ats.events.createEventBus(b -> b.name(name));
        }
        for (int i = 1; i <= 4; i++) {
            String name = "paged-archive-" + i;
            ats.events.createArchive(r -> r.archiveName(name).eventSourceArn("arn:aws:events:us-east-1:000000000000:event-bus/" + BUS));
        }
    }

    @AfterAll
    void stop() {
        ats.close();
    }

    @Test
    void list_rules_answers_limit_rules_and_a_next_token_until_the_last_page() {
        ListRulesResponse first = ats.events.listRules(r -> r.eventBusName(BUS).limit(3));
        assertThat(first.rules()).extracting(Rule::name).containsExactly("rule-1", "rule-2", "rule-3");
        assertThat(first.nextToken()).isNotBlank();

        List<String> names = new ArrayList<>(first.rules().stream().map(Rule::name).toList());
        String token = first.nextToken();
        int pages = 1;
        while (token != null) {
            String from = token;
            ListRulesResponse page = ats.events.listRules(r -> r.eventBusName(BUS).limit(3).nextToken(from));
            page.rules().forEach(rule -> names.add(rule.name()));
            token = page.nextToken();
            pages++;
        }
        assertThat(names).containsExactlyElementsOf(RULES);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void a_rule_created_between_two_pages_neither_repeats_nor_hides_the_rest() {
        ats.events.createEventBus(r -> r.name("moving"));
        for (String rule : List.of("b", "d", "f")) {
            ats.events.putRule(r -> r.eventBusName("moving").name(rule).eventPattern("{\"source\":[\"x\"]}"));
        }
        ListRulesResponse first = ats.events.listRules(r -> r.eventBusName("moving").limit(2));
        assertThat(first.rules()).extracting(Rule::name).containsExactly("b", "d");
        ats.events.putRule(r -> r.eventBusName("moving").name("a").eventPattern("{\"source\":[\"x\"]}"));
        ListRulesResponse second = ats.events.listRules(r -> r.eventBusName("moving").limit(2).nextToken(first.nextToken()));
        assertThat(second.rules()).extracting(Rule::name).containsExactly("f");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void list_event_buses_pages_the_buses_a_prefix_selects() {
        ListEventBusesResponse first = ats.events.listEventBuses(r -> r.namePrefix("pagebus-").limit(2));
        assertThat(first.eventBuses()).hasSize(2);
        List<String> names = new ArrayList<>(first.eventBuses().stream().map(b -> b.name()).toList());
        String token = first.nextToken();
        while (token != null) {
            String from = token;
            ListEventBusesResponse page = ats.events.listEventBuses(r -> r.namePrefix("pagebus-").limit(2).nextToken(from));
            page.eventBuses().forEach(b -> names.add(b.name()));
            token = page.nextToken();
        }
        assertThat(names).hasSize(5).doesNotHaveDuplicates().isSorted().allMatch(n -> n.startsWith("pagebus-"));
    }

    @Test
    void list_targets_by_rule_pages_the_targets_in_id_order() {
        ListTargetsByRuleResponse first = ats.events.listTargetsByRule(r -> r.eventBusName(BUS).rule("rule-1").limit(2));
        assertThat(first.targets()).extracting(Target::id).containsExactly("t1", "t2");
        ListTargetsByRuleResponse second = ats.events.listTargetsByRule(r -> r.eventBusName(BUS).rule("rule-1").limit(2)
                .nextToken(first.nextToken()));
        assertThat(second.targets()).extracting(Target::id).containsExactly("t3", "t4");
        ListTargetsByRuleResponse last = ats.events.listTargetsByRule(r -> r.eventBusName(BUS).rule("rule-1").limit(2)
                .nextToken(second.nextToken()));
        assertThat(last.targets()).extracting(Target::id).containsExactly("t5");
        assertThat(last.nextToken()).isNull();
    }

    @Test
    void list_archives_honours_limit_and_continues_from_next_token() {
        ListArchivesResponse first = ats.events.listArchives(r -> r.namePrefix("paged-archive-").limit(3));
        assertThat(first.archives()).extracting(a -> a.archiveName())
                .containsExactly("paged-archive-1", "paged-archive-2", "paged-archive-3");
        ListArchivesResponse rest = ats.events.listArchives(r -> r.namePrefix("paged-archive-").limit(3).nextToken(first.nextToken()));
        assertThat(rest.archives()).extracting(a -> a.archiveName()).containsExactly("paged-archive-4");
        assertThat(rest.nextToken()).isNull();
    }

    @Test
    void a_limit_outside_one_to_a_hundred_or_a_made_up_token_is_a_validation_exception() {
        assertThatThrownBy(() -> ats.events.listRules(r -> r.eventBusName(BUS).limit(0)))
                .isInstanceOf(EventBridgeException.class).hasMessageContaining("Limit is 0; expected 1 to 100")
                .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> ats.events.listEventBuses(r -> r.limit(101)))
                .isInstanceOf(EventBridgeException.class).hasMessageContaining("Limit is 101");
        assertThatThrownBy(() -> ats.events.listTargetsByRule(r -> r.eventBusName(BUS).rule("rule-1").nextToken("not-a-token")))
                .isInstanceOf(EventBridgeException.class).hasMessageContaining("NextToken 'not-a-token' is not valid")
                .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void the_cli_follows_next_token_for_list_rules_with_a_small_page_size() {
        JsonNode all = AwsCli.local(ats.runtime.endpoint(), scratch).ok("events", "list-rules", "--event-bus-name", BUS, "--page-size", "2");
        assertThat(all.get("Rules").findValuesAsText("Name")).containsExactlyElementsOf(RULES);
        assertThat(all.has("NextToken")).isFalse();
    }

    @Test
    void the_cli_stops_at_max_items_and_resumes_from_its_starting_token() {
        AwsCli cli = AwsCli.local(ats.runtime.endpoint(), scratch);
        JsonNode first = cli.ok("events", "list-rules", "--event-bus-name", BUS, "--max-items", "3", "--page-size", "2");
        assertThat(first.get("Rules").findValuesAsText("Name")).containsExactly("rule-1", "rule-2", "rule-3");
        JsonNode rest = cli.ok("events", "list-rules", "--event-bus-name", BUS, "--starting-token", first.get("NextToken").asText());
        assertThat(rest.get("Rules").findValuesAsText("Name")).containsExactly("rule-4", "rule-5", "rule-6", "rule-7");

        JsonNode targets = cli.ok("events", "list-targets-by-rule", "--event-bus-name", BUS, "--rule", "rule-1", "--page-size", "2");
        assertThat(targets.get("Targets").findValuesAsText("Id")).containsExactlyElementsOf(TARGETS);
    }

    @Test
    void the_cli_pages_event_buses_and_archives_with_limit_and_next_token() {
        AwsCli cli = AwsCli.local(ats.runtime.endpoint(), scratch);
        JsonNode buses = cli.ok("events", "list-event-buses", "--name-prefix", "pagebus-", "--limit", "3");
        assertThat(buses.get("EventBuses")).hasSize(3);
        JsonNode moreBuses = cli.ok("events", "list-event-buses", "--name-prefix", "pagebus-", "--limit", "3",
                "--next-token", buses.get("NextToken").asText());
        assertThat(moreBuses.get("EventBuses")).hasSize(2);
        assertThat(moreBuses.has("NextToken")).isFalse();

        JsonNode archives = cli.ok("events", "list-archives", "--name-prefix", "paged-archive-", "--limit", "2");
        assertThat(archives.get("Archives").findValuesAsText("ArchiveName")).containsExactly("paged-archive-1", "paged-archive-2");
        JsonNode moreArchives = cli.ok("events", "list-archives", "--name-prefix", "paged-archive-", "--next-token",
                archives.get("NextToken").asText());
        assertThat(moreArchives.get("Archives").findValuesAsText("ArchiveName")).containsExactly("paged-archive-3", "paged-archive-4");
    }
}
