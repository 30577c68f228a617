/**
 * One connection's protocol stack put together, above frames, Noise and the node codec, as Baileys' socket
 * stacks them: bytes from the WebSocket in, events and bytes to send out. The WebSocket itself is the caller's.
 */
package io.wagate.wa.socket;
