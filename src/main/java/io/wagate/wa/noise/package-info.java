/**
 * Noise_XX_25519_AESGCM_SHA256 as WhatsApp runs it (Baileys' Utils/noise-handler): the handshake from either side
 * ({@link io.wagate.wa.noise.NoiseResponder} for a server, {@link io.wagate.wa.noise.NoiseInitiator} for a client),
 * the server's certificate chain, and the {@link io.wagate.wa.noise.TransportCipher} both sides use after it.
 */
package io.wagate.wa.noise;
