package dev.miniats.local.events;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.JsonRouter;
import software.amazon.awssdk.arns.Arn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource and ListTagsForResource for event buses and rules
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html), and the
 * checks of the {@code Tags} that CreateEventBus and PutRule accept. The limits are the documented
 * ones (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-tagging.html): a key of 1 to
 * 128 characters, a value of 0 to 256, letters, numbers, spaces and {@code . : + = @ _ / -}, no
 * {@code aws:} prefix (reserved for AWS), and at most 50 tags on a resource. Thread-safe.
 */
final class TagApi {
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;
    private static final int MAX_ARN_LENGTH = 1600;
    private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+@\\-]*");

    private final EventBus bus;
    private final BusTags tags;

    TagApi(EventBus bus, BusTags tags) {
        this.bus = bus;
        this.tags = tags;
    }

    void registerOn(JsonRouter router) {
        router.on("TagResource", TagResourceRequest.class, this::tagResource)
                .on("UntagResource", UntagResourceRequest.class, this::untagResource)
                .on("ListTagsForResource", ResourceRequest.class, this::listTagsForResource);
    }

    /** EventBridge's Tag (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Tag.html). */
    record Tag(String key, String value) {
    }

    record TagResourceRequest(String resourceARN, List<Tag> tags) {
    }

    record UntagResourceRequest(String resourceARN, List<String> tagKeys) {
    }

    record ResourceRequest(String resourceARN) {
    }

    record TagsAnswer(List<Tag> tags) {
    }

    /** A taggable resource: a bus ({@code rule} null) or one of its rules. */
    private record Resource(String bus, String rule) {
    }

    private Void tagResource(TagResourceRequest request, AwsRequest call) {
        Resource resource = resource(request.resourceARN());
        tags.tag(resource.bus(), resource.rule(), validated(Fields.present(request.tags(), "tags"), "tags"));
        return null;
    }

    private Void untagResource(UntagResourceRequest request, AwsRequest call) {
        Resource resource = resource(request.resourceARN());
        Fields.present(request.tagKeys(), "tagKeys");
        for (int i = 0; i < request.tagKeys().size(); i++) {
            checkKey(request.tagKeys().get(i), "tagKeys." + (i + 1) + ".member");
        }
        tags.untag(resource.bus(), resource.rule(), request.tagKeys());
        return null;
    }

    private TagsAnswer listTagsForResource(ResourceRequest request, AwsRequest call) {
        Resource resource = resource(request.resourceARN());
        return new TagsAnswer(tags.of(resource.bus(), resource.rule()).entrySet().stream()
                .map(tag -> new Tag(tag.getKey(), tag.getValue())).toList());
    }

    /**
     * {@code given} as a map, each checked against the documented limits; a key given twice keeps its
     * last value, as TagResource replaces a key's value.
     *
     * @param field the member's name in error messages ({@code tags})
     * @throws BusException.Validation naming the tag, the value and what is expected
     */
    static Map<String, String> validated(List<Tag> given, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            String at = field + "." + (i + 1) + ".member";
            Tag tag = Fields.present(given.get(i), at);
            checkKey(tag.key(), at + ".key");
            String value = tag.value() == null ? "" : tag.value();
            check(value, at + ".value", MAX_VALUE_LENGTH);
            out.put(tag.key(), value);
        }
        if (out.size() > BusTags.MAX_TAGS) {
            throw new BusException.Validation("1 validation error detected: Value at '" + field + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + BusTags.MAX_TAGS + "; got " + out.size() + " tags");
        }
        return out;
    }

    private static void checkKey(String key, String at) {
        if (key == null || key.isEmpty()) {
            throw new BusException.Validation("1 validation error detected: Value " + (key == null ? "null" : "''") + " at '" + at
                    + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        check(key, at, MAX_KEY_LENGTH);
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw new BusException.Validation("Tag key '" + key + "' at '" + at + "' is not valid: the aws: prefix is reserved for"
                    + " AWS use; expected a key that does not start with aws:");
        }
    }

    private static void check(String text, String at, int maxLength) {
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new BusException.Validation("1 validation error detected: Value '" + text + "' at '" + at + "' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + maxLength);
        }
        if (!CHARACTERS.matcher(text).matches()) {
            throw new BusException.Validation("Value '" + text + "' at '" + at + "' is not valid: expected letters, numbers, spaces"
                    + " and . : + = @ _ / - only");
        }
    }

    /**
     * The bus or rule an ARN names: {@code event-bus/<name>}, {@code rule/<name>} (default bus) or
     * {@code rule/<bus>/<name>}, in this runtime's account and region.
     */
    private Resource resource(String arn) {
        Fields.required(arn, "resourceARN");
        Arn parsed = arn.length() > MAX_ARN_LENGTH ? null : Arns.parse(arn);
        String resource = parsed == null || !parsed.service().equals("events") ? "" : parsed.resourceAsString();
        if (!resource.startsWith("event-bus/") && !resource.startsWith("rule/")) {
            throw new BusException.Validation("Parameter ResourceARN is not valid: expected the ARN of an event bus"
                    + " (arn:aws:events:<region>:<account>:event-bus/<name>) or a rule (…:rule/[<bus>/]<name>), got " + arn);
        }
        if (!parsed.region().orElse("").equals(bus.region()) || !parsed.accountId().orElse("").equals(bus.account())) {
            throw new BusException.NotFound("Resource " + arn + " does not exist: this runtime's resources are in account "
                    + bus.account() + ", region " + bus.region() + ".");
        }
        if (resource.startsWith("event-bus/")) {
            return new Resource(resource.substring("event-bus/".length()), null);
        }
        String path = resource.substring("rule/".length());
        int slash = path.lastIndexOf('/');
        return slash < 0 ? new Resource(EventBus.DEFAULT_BUS, path) : new Resource(path.substring(0, slash), path.substring(slash + 1));
    }
}
