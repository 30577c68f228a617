/**
 * The simple API's HTTP side under {@code /api/whatsapp}: its routes, the multipart reader that
 * streams uploads to temp files, and its error mapper ({@code {"error": "…"}}). Handlers stay thin:
 * each parses the request and calls one method of {@link io.wagate.simple.SimpleMessages}, where the
 * API's rules live.
 */
package io.wagate.http.simple;
