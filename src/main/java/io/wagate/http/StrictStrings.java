package io.wagate.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Every string of a request body (values and object keys) must be valid Unicode. JSON lets a client write
 * {@code "\uD800"}, half a surrogate pair: Java keeps it, the database stores it as {@code ?} and webhooks
 * would pass it on as {@code \uD800}, which strict parsers refuse. It is refused here, naming the field.
 */
final class StrictStrings {
    private StrictStrings() {}

    /** The refusal; {@link JsonBody} words it with the field's path. */
    static final class InvalidUnicode extends JsonMappingException {
        InvalidUnicode(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    static SimpleModule module() {
        return new SimpleModule("wagate-strict-strings")
                .addDeserializer(String.class, new Values())
                .addKeyDeserializer(String.class, new Keys());
    }

    /** Where {@code text} holds a surrogate without its other half, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String checked(String text, JsonParser parser) throws InvalidUnicode {
        int at = text == null ? -1 : loneSurrogate(text);
        if (at >= 0) {
            throw new InvalidUnicode(parser, String.format("holds a lone surrogate (\\u%04X) at character %d: "
                    + "not valid Unicode", (int) text.charAt(at), at));
        }
        return text;
    }

    private static final class Values extends StdScalarDeserializer<String> {
        Values() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            return checked(StringDeserializer.instance.deserialize(parser, ctxt), parser);
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(key, ctxt.getParser());
        }
    }
}
