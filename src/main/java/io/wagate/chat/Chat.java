package io.wagate.chat;

/**
 * A chat of a session: {@code conversationTimestamp} is its last message's time in seconds (null
 * for a chat that has none stored).
 */
public record Chat(String id, boolean archived, Long conversationTimestamp) {}
