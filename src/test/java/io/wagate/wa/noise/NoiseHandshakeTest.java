package io.wagate.wa.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.wa.WaProtocolException;
import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.crypto.XEdDSA;
import io.wagate.wa.proto.ClientPayload;
import org.junit.jupiter.api.Test;

/** The Java initiator against the Java responder (the Baileys side is NoiseBaileysTest). */
class NoiseHandshakeTest {
    private final Curve25519 curve = new Curve25519();
    private final KeyPair root = curve.generateKeyPair();
    private final KeyPair serverStatic = curve.generateKeyPair();

    private NoiseResponder responder(KeyPair signingRoot) {
        return new NoiseResponder(serverStatic,
                NoiseCertificates.issue(signingRoot, curve.generateKeyPair(), serverStatic.publicKey(), 0, 1L << 40, new XEdDSA()));
    }

    @Test
    void initiatorAndResponderAgreeOnTransportKeys() {
        NoiseResponder responder = responder(root);
        KeyPair noiseKey = curve.generateKeyPair();
        NoiseInitiator initiator = new NoiseInitiator(noiseKey);
        byte[] payload = ClientPayload.newBuilder().setUsername(15551234567L).setPassive(true).build().toByteArray();
        byte[] finish = initiator.clientFinish(responder.serverHello(initiator.clientHello()), payload, NoiseCertificates.trusting(root.publicKey()));
        NoiseResponder.Finished done = responder.finish(finish);
        assertThat(done.clientStaticKey()).isEqualTo(noiseKey.publicKey());
        assertThat(done.payload().getUsername()).isEqualTo(15551234567L);
        for (int i = 0; i < 3; i++) {
            byte[] m = ("ping " + i).getBytes();
            assertThat(done.cipher().decrypt(initiator.transport().encrypt(m))).isEqualTo(m);
            assertThat(initiator.transport().decrypt(done.cipher().encrypt(m))).isEqualTo(m);
        }
        byte[] replayed = initiator.transport().encrypt(new byte[] {1});
        done.cipher().decrypt(replayed);
        assertThatThrownBy(() -> done.cipher().decrypt(replayed)).isInstanceOf(WaProtocolException.class);
    }

    @Test
    void aChainFromAnotherRootIsRefused() {
        NoiseResponder impostor = responder(curve.generateKeyPair());
        NoiseInitiator initiator = new NoiseInitiator(curve.generateKeyPair());
        byte[] serverHello = impostor.serverHello(initiator.clientHello());
        assertThatThrownBy(() -> initiator.clientFinish(serverHello, new byte[0], NoiseCertificates.trusting(root.publicKey())))
                .isInstanceOf(WaProtocolException.class).hasMessageContaining("intermediate certificate signature invalid");
    }

    @Test
    void aTamperedServerHelloFailsToDecrypt() {
        NoiseResponder responder = responder(root);
        NoiseInitiator initiator = new NoiseInitiator(curve.generateKeyPair());
        byte[] serverHello = responder.serverHello(initiator.clientHello());
        serverHello[serverHello.length - 1] ^= 1;
        assertThatThrownBy(() -> initiator.clientFinish(serverHello, new byte[0], NoiseCertificates.trusting(root.publicKey())))
                .isInstanceOf(WaProtocolException.class);
    }
}
