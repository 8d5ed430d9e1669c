package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.miniats.local.aws.Json;

import java.io.IOException;

/**
 * Reads a template body, JSON or YAML, into one JSON tree. YAML's short-form tags
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html)
 * become their long forms while reading: {@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B}
 * is {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub …} is {@code {"Fn::Sub": …}}. Thread-safe.
 */
final class TemplateReader {
    /** CloudFormation's limit on a TemplateBody (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
    static final int MAX_BODY_BYTES = 51_200;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TemplateReader() {
    }

    /** The template as an object; a ValidationError "Template format error: …" when it is neither JSON nor YAML. */
    static ObjectNode read(String body) {
        if (body == null || body.isBlank()) {
            throw CfnException.invalid("Template format error: the template is empty; expected a JSON or YAML object");
        }
        String trimmed = body.strip();
        JsonNode tree;
        if (trimmed.startsWith("{")) {
            try {
                tree = Json.MAPPER.readTree(trimmed);
            } catch (IOException e) {
                throw CfnException.invalid("Template format error: JSON not well-formed. (" + firstLine(e) + ")");
            }
        } else {
            try (YAMLParser parser = YAML.createParser(trimmed)) {
                parser.nextToken();
                tree = parser.currentToken() == null ? null : node(parser);
            } catch (IOException | RuntimeException e) {
                throw CfnException.invalid("Template format error: YAML not well-formed. (" + firstLine(e) + ")");
            }
        }
        if (!(tree instanceof ObjectNode object)) {
            throw CfnException.invalid("Template format error: unsupported structure; expected a JSON or YAML object with Resources");
        }
        return object;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The node at the parser's current token, with a short-form tag turned into its function. */
    private static JsonNode node(YAMLParser p) throws IOException {
        String tag = p.getTypeId();
        JsonNode value = untagged(p);
        if (tag == null || tag.contains(":")) {
            return value; // no tag, or a standard one such as tag:yaml.org,2002:str
        }
        ObjectNode fn = NODES.objectNode();
        switch (tag) {
            case "Ref" -> fn.set("Ref", value);
            case "Condition" -> fn.set("Condition", value);
            case "GetAtt" -> {
                if (value.isTextual()) {
                    String text = value.asText();
                    int dot = text.indexOf('.');
                    ArrayNode pair = NODES.arrayNode();
                    pair.add(dot < 0 ? text : text.substring(0, dot));
                    pair.add(dot < 0 ? "" : text.substring(dot + 1));
                    fn.set("Fn::GetAtt", pair);
                } else {
                    fn.set("Fn::GetAtt", value);
                }
            }
            default -> fn.set("Fn::" + tag, value);
        }
        return fn;
    }

    private static JsonNode untagged(YAMLParser p) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.set(name, node(p));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(p));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || token == JsonToken.VALUE_NUMBER_FLOAT
                        ? NODES.textNode(p.getText()) : NODES.numberNode(p.getLongValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                // "!GetAZs" or "!Ref" with nothing after the tag reads as null: CloudFormation takes ""
                return p.getTypeId() != null ? NODES.textNode("") : NODES.nullNode();
            }
            default -> throw new IOException("unexpected YAML token " + token);
        }
    }
}
