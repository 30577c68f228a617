/**
 * Statuses (stories): posting the session's own to a list of contacts, deleting them, and the list of statuses
 * seen in the last 24 hours (own ones, and others' when the session opted in with {@code config.statuses}).
 * Statuses are messages of {@code status@broadcast}, stored and published like any other message.
 */
package io.wagate.status;
