package io.wagate.wa.crypto;

import static io.wagate.wa.BaileysScript.bytes;
import static io.wagate.wa.BaileysScript.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.wa.BaileysScript;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** X25519, XEdDSA and HKDF against libsignal's curve and Baileys' Utils/crypto. */
class CryptoBaileysTest {
    private static BaileysScript baileys;
    private final Curve25519 curve = new Curve25519();
    private final XEdDSA xeddsa = new XEdDSA();

    @BeforeAll
    static void start() {
        baileys = BaileysScript.start("crypto.mjs");
    }

    @AfterAll
    static void stop() {
        baileys.close();
    }

    @Test
    void keysAndAgreementMatchLibsignal() {
        JsonNode theirs = baileys.call("keyPair");
        byte[] theirPriv = bytes(theirs.get("private"));
        assertThat(Curve25519.publicKey(theirPriv)).isEqualTo(bytes(theirs.get("public")));
        KeyPair mine = curve.generateKeyPair();
        JsonNode shared = baileys.call("sharedKey", Map.of("priv", theirs.get("private").asText(), "pub", hex(mine.publicKey())));
        assertThat(Curve25519.sharedKey(mine.privateKey(), bytes(theirs.get("public")))).isEqualTo(bytes(shared));
    }

    @Test
    void javaSignaturesVerifyInLibsignalAndForgeriesDoNot() {
        for (int i = 0; i < 8; i++) {
            KeyPair key = curve.generateKeyPair();
            byte[] msg = ("message " + i).getBytes();
            byte[] sig = xeddsa.sign(key.privateKey(), msg);
            assertThat(verifyInLibsignal(key.publicKey(), msg, sig)).as("key %d", i).isTrue();
            byte[] forged = sig.clone();
            forged[5] ^= 0x40;
            assertThat(verifyInLibsignal(key.publicKey(), msg, forged)).isFalse();
            assertThat(verifyInLibsignal(curve.generateKeyPair().publicKey(), msg, sig)).isFalse();
        }
    }

    @Test
    void libsignalSignaturesVerifyInJavaAndForgeriesDoNot() {
        for (int i = 0; i < 8; i++) {
            JsonNode key = baileys.call("keyPair");
            byte[] pub = bytes(key.get("public"));
            byte[] msg = ("hello " + i).getBytes();
            byte[] sig = bytes(baileys.call("sign", Map.of("priv", key.get("private").asText(), "msg", hex(msg))));
            assertThat(XEdDSA.verify(pub, msg, sig)).as("key %d", i).isTrue();
            assertThat(XEdDSA.verify(Curve25519.withTypeByte(pub), msg, sig)).isTrue();
            byte[] otherMsg = ("hello " + i + "!").getBytes();
            assertThat(XEdDSA.verify(pub, otherMsg, sig)).isFalse();
            byte[] forged = sig.clone();
            forged[40] ^= 1;
            assertThat(XEdDSA.verify(pub, msg, forged)).isFalse();
            byte[] flippedSign = sig.clone();
            flippedSign[63] ^= (byte) 0x80;
            assertThat(XEdDSA.verify(pub, msg, flippedSign)).isFalse();
        }
    }

    @Test
    void hkdfMatchesBaileys() {
        byte[] ikm = "input key material".getBytes();
        byte[] salt = new byte[32];
        salt[3] = 9;
        assertThat(Hkdf.derive(ikm, salt, "link_code_pairing_key_bundle_encryption_key", 32))
                .isEqualTo(bytes(baileys.call("hkdf", Map.of("ikm", hex(ikm), "salt", hex(salt),
                        "info", "link_code_pairing_key_bundle_encryption_key", "length", 32))));
        assertThat(Hkdf.derive(ikm, null, "adv_secret", 80))
                .isEqualTo(bytes(baileys.call("hkdf", Map.of("ikm", hex(ikm), "info", "adv_secret", "length", 80))));
    }

    private static boolean verifyInLibsignal(byte[] pub, byte[] msg, byte[] sig) {
        return baileys.call("verify", Map.of("pub", hex(pub), "msg", hex(msg), "sig", hex(sig))).asBoolean();
    }
}
