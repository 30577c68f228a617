/**
 * The MCP door: wagate as a Model Context Protocol server at {@code /mcp} (Streamable HTTP, stateless), so that
 * AI agents can drive sessions with tools. Like the simple API it is a second door to the same services: every
 * tool reads its arguments, calls the service a {@code /v1} route would call with the caller's principal, and
 * answers with the same JSON. Nothing here keeps state between requests, so any node can answer any call.
 */
package io.wagate.mcp;
