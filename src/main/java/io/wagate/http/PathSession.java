package io.wagate.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;

/**
 * A {@code session} field in the body of a route whose path names the session: many clients put it into every
 * body (WAHA's chatting routes require it). Equal to the path's session it is accepted and dropped; a different
 * one is a 400 naming both. Only at the top level of the body, and only where the body's type has no
 * {@code session} of its own: everywhere else an unknown field stays a 400.
 */
final class PathSession extends DeserializationProblemHandler {
    private static final String FIELD = "session";
    private static final String NAMED = "wagate.path-session";
    private static final String ROOT = "wagate.body-type";
    private static final PathSession HANDLER = new PathSession();

    /** A body's field {@code session} that names another session than the path. */
    static final class Mismatch extends JsonMappingException {
        Mismatch(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    private PathSession() {}

    /** {@code reader} as it is without a session in the path; else one that accepts that session in the body. */
    static ObjectReader accepting(ObjectReader reader, Class<?> bodyType, String pathSession) {
        if (pathSession == null) {
            return reader;
        }
        return reader.withAttribute(NAMED, pathSession).withAttribute(ROOT, bodyType).withHandler(HANDLER);
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        Class<?> owner = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        if (!FIELD.equals(propertyName) || owner != ctxt.getAttribute(ROOT)) {
            return false; // the strict 400 for an unknown field
        }
        String named = (String) ctxt.getAttribute(NAMED);
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new Mismatch(p, "field 'session' must be a string (the path names session '" + named + "')");
        }
        String given = p.getText();
        if (!given.equals(named)) {
            String shown = given.length() > 80 ? given.substring(0, 80) + "…" : given;
            throw new Mismatch(p, "field 'session' is '" + shown + "' but the path names session '" + named
                    + "'; leave it out or make them the same");
        }
        return true;
    }
}
