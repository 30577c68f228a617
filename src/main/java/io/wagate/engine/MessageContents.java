package io.wagate.engine;

import java.util.Optional;

/**
 * The engine's own encoding of messages a session sent or received (opaque text to the store), kept for a
 * bounded time: what the WhatsApp protocol asks for again later (a resend on a retry receipt, the secret that
 * decrypts responses to an event), after a restart too.
 */
public interface MessageContents {
    /** Keeps (or replaces) one message's content; may be written shortly after the call returns. */
    void put(String sessionId, String messageId, String chatId, String content);

    Optional<String> get(String sessionId, String messageId);

    /** Nothing kept (tests of engines that do not care). */
    MessageContents NONE = new MessageContents() {
        @Override
        public void put(String sessionId, String messageId, String chatId, String content) {
            // kept nowhere
        }

        @Override
        public Optional<String> get(String sessionId, String messageId) {
            return Optional.empty();
        }
    };
}
