/**
 * The simple API's rules, without HTTP: which session a key acts for, the fields as that API names
 * them ({@code number} or {@code group}, {@code messageKey}, multipart flags), and its answers. Every
 * call ends in the shared services ({@code message}, {@code group}), so the simple API can send
 * nothing the v1 API would not send the same way. Its routes and error mapper are in
 * {@code io.wagate.http.simple}; this package is what they call.
 */
package io.wagate.simple;
