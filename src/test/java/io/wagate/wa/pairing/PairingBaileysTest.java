package io.wagate.wa.pairing;

import static io.wagate.wa.BaileysScript.bytes;
import static io.wagate.wa.BaileysScript.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.wa.BaileysScript;
import io.wagate.wa.WaProtocolException;
import io.wagate.wa.binary.Node;
import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.crypto.XEdDSA;
import io.wagate.wa.proto.ADVSignedDeviceIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The phone's side of linking in Java against Baileys' companion side (pairing code, pair-success, QR). */
class PairingBaileysTest {
    private static BaileysScript baileys;
    private final Curve25519 curve = new Curve25519();
    private final PairingCode pairing = new PairingCode();
    private final XEdDSA signer = new XEdDSA();

    @BeforeAll
    static void start() {
        baileys = BaileysScript.start("pairing.mjs");
    }

    @AfterAll
    static void stop() {
        baileys.close();
    }

    @Test
    void javaPrimaryAndBaileysCompanionDeriveTheSameAdvSecret() {
        String code = pairing.newCode();
        JsonNode hello = baileys.call("companionHello", Map.of("code", code));
        byte[] companionEphemeral = PairingCode.unwrapKey(code, bytes(hello.get("wrapped")));
        assertThat(companionEphemeral).isEqualTo(bytes(hello.get("ephemeral").get("public")));

        KeyPair primaryEphemeral = curve.generateKeyPair();
        KeyPair primaryIdentity = curve.generateKeyPair();
        JsonNode identity = baileys.call("keyPair");
        JsonNode finish = baileys.call("companionFinish", Map.of("code", code,
                "wrappedPrimary", hex(pairing.wrapKey(code, primaryEphemeral.publicKey())),
                "primaryIdentityPub", hex(primaryIdentity.publicKey()),
                "ephemeral", hello.get("ephemeral"), "identity", identity));
        PairingCode.PrimaryResult result = PairingCode.primaryFinish(primaryEphemeral, companionEphemeral, primaryIdentity,
                bytes(finish.get("wrappedKeyBundle")), bytes(identity.get("public")));
        assertThat(result.advSecret()).isEqualTo(bytes(finish.get("advSecret")));
        assertThat(result.companionIdentityKey()).isEqualTo(bytes(identity.get("public")));
    }

    @Test
    void aCompanionWithAnotherCodeIsRefused() {
        String code = pairing.newCode();
        JsonNode hello = baileys.call("companionHello", Map.of("code", code));
        byte[] companionEphemeral = PairingCode.unwrapKey(code, bytes(hello.get("wrapped")));
        KeyPair primaryEphemeral = curve.generateKeyPair();
        KeyPair primaryIdentity = curve.generateKeyPair();
        JsonNode identity = baileys.call("keyPair");
        JsonNode finish = baileys.call("companionFinish", Map.of("code", "WRONG123",
                "wrappedPrimary", hex(pairing.wrapKey(code, primaryEphemeral.publicKey())),
                "primaryIdentityPub", hex(primaryIdentity.publicKey()),
                "ephemeral", hello.get("ephemeral"), "identity", identity));
        assertThatThrownBy(() -> PairingCode.primaryFinish(primaryEphemeral, companionEphemeral, primaryIdentity,
                bytes(finish.get("wrappedKeyBundle")), bytes(identity.get("public"))))
                .isInstanceOf(WaProtocolException.class);
    }

    @Test
    void javaCompanionAndJavaPrimaryAgree() {
        String code = pairing.newCode();
        KeyPair companionEphemeral = curve.generateKeyPair();
        KeyPair companionIdentity = curve.generateKeyPair();
        byte[] unwrapped = PairingCode.unwrapKey(code, pairing.wrapKey(code, companionEphemeral.publicKey()));
        KeyPair primaryEphemeral = curve.generateKeyPair();
        KeyPair primaryIdentity = curve.generateKeyPair();
        PairingCode.CompanionResult companion = pairing.companionFinish(code, companionEphemeral, companionIdentity,
                pairing.wrapKey(code, primaryEphemeral.publicKey()), primaryIdentity.publicKey());
        PairingCode.PrimaryResult primary = PairingCode.primaryFinish(primaryEphemeral, unwrapped, primaryIdentity,
                companion.wrappedKeyBundle(), companionIdentity.publicKey());
        assertThat(primary.advSecret()).isEqualTo(companion.advSecret());
    }

    @Test
    void codesAreBaileysCrockford() {
        assertThat(pairing.newCode()).hasSize(8).matches("[1-9A-HJ-NP-TV-Z]{8}");
        assertThat(baileys.call("crockford", Map.of("data", "ff00a5c3e1")).asText()).isEqualTo(crockfordOf(0xff00a5c3e1L));
    }

    @Test
    void baileysAcceptsThePhonesPairSuccessAndItsReplyVerifies() {
        pairSuccess(false);
    }

    @Test
    void hostedAccountsUseTheHostedPrefixes() {
        pairSuccess(true);
    }

    private void pairSuccess(boolean hosted) {
        KeyPair account = curve.generateKeyPair();
        byte[] advSecret = new byte[32];
        advSecret[0] = 42;
        JsonNode identity = baileys.call("keyPair");
        byte[] companionIdentity = bytes(identity.get("public"));
        byte[] deviceIdentity = DeviceIdentity.issue(signer, account, advSecret, companionIdentity,
                new DeviceIdentity.Grant(123456, 2, 1733500000L, hosted));
        Node stanza = new Node("iq", Node.attrsOf("id", "pair1", "type", "set", "from", "s.whatsapp.net"), List.of(
                new Node("pair-success", Node.attrsOf(), List.of(
                        new Node("device-identity", Node.attrsOf(), deviceIdentity),
                        new Node("platform", Node.attrsOf("name", "android")),
                        new Node("device", Node.attrsOf("jid", "491701234567:3@s.whatsapp.net", "lid", "1234567:3@lid"))))));

        JsonNode result = baileys.call("pairSuccess", Map.of("stanza", BaileysScript.nodeToJson(stanza),
                "advSecret", hex(advSecret), "identity", identity));
        assertThat(result.get("me").get("id").asText()).isEqualTo("491701234567:3@s.whatsapp.net");
        assertThat(result.get("platform").asText()).isEqualTo("android");
        Node reply = BaileysScript.nodeFromJson(result.get("reply"));
        Node signed = reply.child("pair-device-sign").child("device-identity");
        assertThat(signed.attr("key-index")).isEqualTo("2");
        ADVSignedDeviceIdentity verified = DeviceIdentity.verifyReply(signed.contentBytes(), companionIdentity, account.publicKey());
        assertThat(verified.hasAccountSignatureKey()).isFalse();

        assertThatThrownBy(() -> DeviceIdentity.verifyReply(signed.contentBytes(), companionIdentity, curve.generateKeyPair().publicKey()))
                .isInstanceOf(WaProtocolException.class);
        byte[] otherSecret = advSecret.clone();
        otherSecret[0] = 43;
        assertThatThrownBy(() -> baileys.call("pairSuccess", Map.of("stanza", BaileysScript.nodeToJson(stanza),
                "advSecret", hex(otherSecret), "identity", identity)))
                .isInstanceOf(BaileysScript.ScriptError.class).hasMessageContaining("Invalid account signature");
    }

    @Test
    void qrCodesFromBaileysParse() {
        KeyPair noise = curve.generateKeyPair();
        KeyPair identity = curve.generateKeyPair();
        byte[] adv = new byte[32];
        adv[31] = 7;
        String qr = baileys.call("qr", Map.of("ref", "2@abc+/=", "noise", hex(noise.publicKey()),
                "identity", hex(identity.publicKey()), "adv", hex(adv))).asText();
        QrCode parsed = QrCode.parse(qr);
        assertThat(parsed.ref()).isEqualTo("2@abc+/=");
        assertThat(parsed.noiseKey()).isEqualTo(noise.publicKey());
        assertThat(parsed.identityKey()).isEqualTo(identity.publicKey());
        assertThat(parsed.advSecret()).isEqualTo(adv);
        assertThat(parsed.platformId()).isNotEmpty();
        assertThatThrownBy(() -> QrCode.parse("just-a-ref")).isInstanceOf(WaProtocolException.class);
    }

    private static String crockfordOf(long forty) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
        StringBuilder sb = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            sb.append(alphabet.charAt((int) ((forty >> (i * 5)) & 31)));
        }
        return sb.toString();
    }
}
