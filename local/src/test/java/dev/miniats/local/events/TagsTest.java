package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Tag;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TagResource, UntagResource and ListTagsForResource on buses and rules, and the Tags of
 * CreateEventBus and PutRule, with the documented limits
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-tagging.html).
 */
class TagsTest {
    @TempDir
    static Path scratch;
    private static final String BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/tagged";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:000000000000:rule/tagged/r";
    private TestRuntime ats;

    @BeforeEach
    void start() {
        ats = TestRuntime.start();
        ats.events.createEventBus(r -> r.name("tagged").tags(tag("team", "hiring")));
        ats.events.putRule(r -> r.eventBusName("tagged").name("r").eventPattern("{\"source\":[\"x\"]}").tags(tag("stage", "offer")));
    }

    @AfterEach
    void stop() {
        ats.close();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private Map<String, String> tags(String arn) {
        return ats.events.listTagsForResource(r -> r.resourceARN(arn)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static String errorCode(Throwable e) {
        return ((EventBridgeException) e).awsErrorDetails().errorCode();
    }

    @Test
    void tags_given_at_creation_are_listed_for_the_bus_and_the_rule() {
        assertThat(tags(BUS_ARN)).containsExactly(Map.entry("team", "hiring"));
        assertThat(tags(RULE_ARN)).containsExactly(Map.entry("stage", "offer"));
    }

    @Test
    void tag_resource_adds_and_replaces_and_untag_resource_removes() {
        ats.events.tagResource(r -> r.resourceARN(RULE_ARN).tags(tag("stage", "interview"), tag("owner", "ada")));
        assertThat(tags(RULE_ARN)).containsOnly(Map.entry("stage", "interview"), Map.entry("owner", "ada"));
        ats.events.untagResource(r -> r.resourceARN(RULE_ARN).tagKeys("stage", "not-there"));
        assertThat(tags(RULE_ARN)).containsOnly(Map.entry("owner", "ada"));
        assertThat(tags(BUS_ARN)).as("the bus keeps its own tags").containsOnly(Map.entry("team", "hiring"));
    }

    @Test
    void a_rule_on_the_default_bus_is_tagged_by_its_short_arn() {
        ats.events.putRule(r -> r.name("plain").eventPattern("{\"source\":[\"x\"]}"));
        String arn = "arn:aws:events:us-east-1:000000000000:rule/plain";
        ats.events.tagResource(r -> r.resourceARN(arn).tags(tag("k", "")));
        assertThat(tags(arn)).containsExactly(Map.entry("k", ""));
    }

    @Test
    void put_rule_on_an_existing_rule_keeps_its_tags_as_put_rule_tags_only_apply_at_creation() {
        ats.events.putRule(r -> r.eventBusName("tagged").name("r").eventPattern("{\"source\":[\"y\"]}").tags(tag("other", "1")));
        assertThat(tags(RULE_ARN)).containsExactly(Map.entry("stage", "offer"));
    }

    @Test
    void tags_survive_a_restart() {
        ats.events.tagResource(r -> r.resourceARN(BUS_ARN).tags(tag("cost-center", "42")));
        ats.close();
        ats = ats.restart();
        assertThat(tags(BUS_ARN)).containsOnly(Map.entry("team", "hiring"), Map.entry("cost-center", "42"));
        assertThat(tags(RULE_ARN)).containsExactly(Map.entry("stage", "offer"));
    }

    @Test
    void a_deleted_rule_takes_its_tags_along_and_its_successor_starts_untagged() {
        ats.events.deleteRule(r -> r.eventBusName("tagged").name("r"));
        assertThatThrownBy(() -> tags(RULE_ARN)).isInstanceOf(ResourceNotFoundException.class);
        ats.events.putRule(r -> r.eventBusName("tagged").name("r").eventPattern("{\"source\":[\"x\"]}"));
        assertThat(tags(RULE_ARN)).isEmpty();
    }

    @Test
    void a_resource_takes_at_most_fifty_tags() {
        Tag[] fifty = IntStream.range(0, 49).mapToObj(i -> tag("k" + i, "v")).toArray(Tag[]::new);
        ats.events.tagResource(r -> r.resourceARN(BUS_ARN).tags(fifty));
        assertThat(tags(BUS_ARN)).hasSize(50);
        assertThatThrownBy(() -> ats.events.tagResource(r -> r.resourceARN(BUS_ARN).tags(tag("one-more", "v"))))
                .isInstanceOf(EventBridgeException.class).hasMessageContaining("51 tags").hasMessageContaining("at most 50")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        assertThat(tags(BUS_ARN)).hasSize(50).doesNotContainKey("one-more");
    }

    @Test
    void keys_and_values_past_their_lengths_or_with_the_aws_prefix_are_validation_exceptions() {
        assertThatThrownBy(() -> ats.events.tagResource(r -> r.resourceARN(BUS_ARN).tags(tag("k".repeat(129), "v"))))
                .hasMessageContaining("tags.1.member.key").hasMessageContaining("less than or equal to 128")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> ats.events.tagResource(r -> r.resourceARN(BUS_ARN).tags(tag("ok", "v"), tag("k", "v".repeat(257)))))
                .hasMessageContaining("tags.2.member.value").hasMessageContaining("less than or equal to 256");
        assertThatThrownBy(() -> ats.events.tagResource(r -> r.resourceARN(BUS_ARN).tags(tag("aws:owner", "v"))))
                .hasMessageContaining("aws:owner").hasMessageContaining("reserved")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> ats.events.createEventBus(r -> r.name("bad-tags").tags(tag("a#b", "v"))))
                .hasMessageContaining("a#b").hasMessageContaining("expected letters, numbers, spaces");
        assertThatThrownBy(() -> ats.events.describeEventBus(r -> r.name("bad-tags")))
                .as("a refused CreateEventBus creates nothing").isInstanceOf(ResourceNotFoundException.class);
        assertThat(tags(BUS_ARN)).containsOnly(Map.entry("team", "hiring"));
    }

    @Test
    void an_unknown_resource_is_not_found_and_a_non_arn_is_a_validation_exception() {
        assertThatThrownBy(() -> tags("arn:aws:events:us-east-1:000000000000:rule/tagged/nope"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> tags("arn:aws:events:us-east-1:000000000000:event-bus/nope"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> tags("tagged")).hasMessageContaining("Parameter ResourceARN is not valid")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> tags("arn:aws:events:us-east-1:000000000000:archive/a"))
                .hasMessageContaining("expected the ARN of an event bus");
        assertThatThrownBy(() -> tags("arn:aws:events:us-east-1:000000000000:event-bus/"))
                .hasMessageContaining("Parameter ResourceARN is not valid");
    }

    @Test
    void the_cli_tags_lists_and_untags() {
        AwsCli cli = AwsCli.local(ats.runtime.endpoint(), scratch);
        assertThat(cli.ok("events", "tag-resource", "--resource-arn", RULE_ARN, "--tags", "Key=env,Value=local")).isEmpty();
        JsonNode listed = cli.ok("events", "list-tags-for-resource", "--resource-arn", RULE_ARN);
        assertThat(listed.get("Tags").findValuesAsText("Key")).containsExactlyInAnyOrder("stage", "env");
        cli.ok("events", "untag-resource", "--resource-arn", RULE_ARN, "--tag-keys", "env", "stage");
        assertThat(cli.ok("events", "list-tags-for-resource", "--resource-arn", RULE_ARN).get("Tags")).isEmpty();
        AwsCli.Result missing = cli.run("events", "list-tags-for-resource", "--resource-arn", "arn:aws:events:us-east-1:000000000000:rule/gone");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException");
    }
}
