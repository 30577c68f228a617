package io.wagate.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagate.media.Base64Text;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The tree of a JSON request body spooled to disk, read without its largest part: the string at
 * {@code file.data} (a file as base64, up to ~134 MB) is skipped where it is and stands in the tree as a
 * {@link Base64Text.Spooled} that points at it, to be decoded from the file later. Everything else is small.
 */
final class SpooledBody {
    private SpooledBody() {}

    /** The body's tree; null when the body holds no JSON value at all. */
    static JsonNode tree(ObjectMapper mapper, Path body) throws IOException {
        try (var parser = mapper.getFactory().createParser(body.toFile())) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode root = parser.currentToken() == JsonToken.START_OBJECT ? object(mapper, parser, body, true)
                    : value(mapper, parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more content after the JSON value");
            }
            return root;
        }
    }

    /** An object whose fields are read as usual, but for {@code file} (at the top) and its {@code data}. */
    private static ObjectNode object(ObjectMapper mapper, JsonParser parser, Path body, boolean top)
            throws IOException {
        var node = mapper.getNodeFactory().objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (top && name.equals("file") && token == JsonToken.START_OBJECT) {
                node.set(name, object(mapper, parser, body, false));
            } else if (!top && name.equals("data") && token == JsonToken.VALUE_STRING) {
                // Not read: the parser skips the string on its next token, without holding it.
                node.set(name, mapper.getNodeFactory().pojoNode(
                        new Base64Text.Spooled(body, parser.currentTokenLocation().getByteOffset())));
            } else {
                node.set(name, value(mapper, parser));
            }
        }
        return node;
    }

    /** The value at the parser's token, leaving the parser on its last token (the rest of the body follows). */
    private static JsonNode value(ObjectMapper mapper, JsonParser parser) throws IOException {
        JsonNode value = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
        return value == null ? NullNode.getInstance() : value;
    }
}
