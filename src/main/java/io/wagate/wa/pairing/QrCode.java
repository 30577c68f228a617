package io.wagate.wa.pairing;

import io.wagate.wa.WaProtocolException;
import java.util.Base64;

/**
 * What a linking QR code holds (Baileys' buildPairingQRData): the server's ref, the companion's noise key,
 * identity key and adv secret, and its platform id. The phone reads it to answer {@code pair-success}.
 */
public record QrCode(String ref, byte[] noiseKey, byte[] identityKey, byte[] advSecret, String platformId) {
    private static final String LINK_PREFIX = "https://wa.me/settings/linked_devices#";

    public static QrCode parse(String qr) {
        String body = qr.startsWith(LINK_PREFIX) ? qr.substring(LINK_PREFIX.length()) : qr;
        String[] parts = body.split(",", -1);
        if (parts.length < 4) {
            throw new WaProtocolException("a QR code has ref, noise key, identity key and adv secret");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new QrCode(parts[0], b64.decode(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]),
                    parts.length > 4 ? parts[4] : null);
        } catch (IllegalArgumentException e) {
            throw new WaProtocolException("QR code keys are not base64", e);
        }
    }
}
