/**
 * The engine SPI: the only way from wagate's services to WhatsApp. {@link io.wagate.engine.Engine}
 * opens {@link io.wagate.engine.EngineSession}s, which take commands and report
 * {@link io.wagate.engine.EngineEvent}s, in order, to one listener per session. Engine-neutral
 * records and sealed families only: nothing of a concrete engine, of HTTP or of the API's error
 * type appears here. The contracts are in docs/ARCHITECTURE.md ("The engine SPI").
 */
package io.wagate.engine;
