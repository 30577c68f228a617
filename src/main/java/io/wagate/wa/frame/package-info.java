/**
 * The framing inside WebSocket messages: the intro header a client sends once ({@code WA}, 6, dictionary version,
 * optionally behind an {@code ED} routing-info prefix) and 3-byte big-endian length prefixes, with a reader that
 * copes with several frames in one message and one frame split over several.
 */
package io.wagate.wa.frame;
