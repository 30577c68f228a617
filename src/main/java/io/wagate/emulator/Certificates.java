package io.wagate.emulator;

import io.wagate.emulator.stopgap.Proto;
import java.time.Duration;
import java.time.Instant;

/**
 * The Noise certificate chain the emulator serves: an intermediate signed by its root (issuer serial 0, as
 * Baileys expects of WhatsApp's) and a leaf for its static key signed by the intermediate.
 */
final class Certificates {
    private final byte[] chain;

    Certificates(ServerKeys keys) {
        long now = Instant.now().getEpochSecond();
        long until = now + Duration.ofDays(365).toSeconds();
        byte[] intermediateDetails = Proto.writer().number(1, 1).number(2, 0)
                .bytes(3, keys.intermediate().publicKey()).number(4, now).number(5, until).build();
        byte[] leafDetails = Proto.writer().number(1, 2).number(2, 1)
                .bytes(3, keys.noise().publicKey()).number(4, now).number(5, until).build();
        byte[] intermediate = Proto.writer().bytes(1, intermediateDetails)
                .bytes(2, Keys.sign(keys.root().privateKey(), intermediateDetails)).build();
        byte[] leaf = Proto.writer().bytes(1, leafDetails)
                .bytes(2, Keys.sign(keys.intermediate().privateKey(), leafDetails)).build();
        chain = Proto.writer().bytes(1, leaf).bytes(2, intermediate).build();
    }

    byte[] chain() {
        return chain;
    }
}
