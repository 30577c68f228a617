/**
 * Sessions, in small parts behind the {@link io.wagate.session.SessionService} facade the features use: finding
 * them ({@link io.wagate.session.SessionDirectory}), the gate to their engine sides
 * ({@link io.wagate.session.EngineGate}), their lifecycle ({@link io.wagate.session.SessionLifecycle}) and the
 * ordered fan-out of their engine events ({@link io.wagate.session.SessionEvents}, the
 * {@link io.wagate.session.SessionRecorder} first). See docs/ARCHITECTURE.md ("Sessions").
 */
package io.wagate.session;
