package io.wagate.wa.noise;

import static io.wagate.wa.BaileysScript.bytes;
import static io.wagate.wa.BaileysScript.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.wa.BaileysScript;
import io.wagate.wa.binary.Node;
import io.wagate.wa.binary.NodeDecoder;
import io.wagate.wa.binary.NodeEncoder;
import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.crypto.XEdDSA;
import io.wagate.wa.frame.FrameReader;
import io.wagate.wa.frame.Frames;
import io.wagate.wa.frame.IntroHeader;
import io.wagate.wa.proto.ClientPayload;
import io.wagate.wa.socket.ServerConnection;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java responder against Baileys' own makeNoiseHandler as the client, then transport frames both ways. */
class NoiseBaileysTest {
    private static BaileysScript baileys;
    private final Curve25519 curve = new Curve25519();
    private final NodeEncoder encoder = new NodeEncoder();
    private final NodeDecoder decoder = new NodeDecoder();

    @BeforeAll
    static void start() {
        baileys = BaileysScript.start("noise.mjs");
    }

    @AfterAll
    static void stop() {
        baileys.close();
    }

    @Test
    void baileysCompletesTheHandshakeWithTheJavaResponderAndTalksBothWays() {
        for (byte[] routing : new byte[][] {null, {8, 1, 8, 2, 0x10}}) {
            handshakeAndTalk(routing);
        }
    }

    @Test
    void serverConnectionCarriesBaileysThroughHandshakeAndNodes() {
        KeyPair serverStatic = curve.generateKeyPair();
        byte[] chain = NoiseCertificates.issue(curve.generateKeyPair(), curve.generateKeyPair(), serverStatic.publicKey(), 0, 1L << 40, new XEdDSA());
        ServerConnection connection = new ServerConnection(new NoiseResponder(serverStatic, chain));
        JsonNode started = baileys.call("start", Map.of());
        List<ServerConnection.Event> first = connection.receive(bytes(started.get("data")));
        byte[] reply = ((ServerConnection.ServerHello) first.getFirst()).reply();
        JsonNode finished = baileys.call("serverHello", Map.of("data", hex(reply)));
        List<ServerConnection.Event> second = connection.receive(bytes(finished.get("data")));
        ServerConnection.HandshakeDone done = (ServerConnection.HandshakeDone) second.getFirst();
        assertThat(done.finished().payload().getPushName()).isEqualTo("Ana");
        assertThat(connection.handshakeDone()).isTrue();

        Node success = new Node("success", Node.attrsOf("t", "1733500000"));
        JsonNode got = baileys.call("recv", Map.of("data", hex(connection.send(success))));
        assertThat(BaileysScript.nodeFromJson(got.get(0))).isEqualTo(success);
        Node ping = new Node("iq", Node.attrsOf("id", "p1", "type", "get", "xmlns", "w:p", "to", "s.whatsapp.net"), List.of(new Node("ping")));
        JsonNode sent = baileys.call("send", Map.of("nodes", List.of(BaileysScript.nodeToJson(ping))));
        assertThat(connection.receive(bytes(sent))).containsExactly(new ServerConnection.Received(ping));
    }

    private void handshakeAndTalk(byte[] routing) {
        KeyPair root = curve.generateKeyPair();
        KeyPair serverStatic = curve.generateKeyPair();
        byte[] chain = NoiseCertificates.issue(root, curve.generateKeyPair(), serverStatic.publicKey(), 0, 4_000_000_000L, new XEdDSA());
        NoiseResponder responder = new NoiseResponder(serverStatic, chain);
        FrameReader reader = FrameReader.server();

        JsonNode started = baileys.call("start", routing == null ? Map.of() : Map.of("routingInfo", hex(routing)));
        List<byte[]> hello = reader.feed(bytes(started.get("data")));
        assertThat(hello).hasSize(1);
        assertThat(reader.intro().routingInfo()).isEqualTo(routing);
        assertThat(reader.intro().header()).isEqualTo(IntroHeader.noiseHeader());

        byte[] serverHello = Frames.frame(responder.serverHello(hello.getFirst()));
        JsonNode finished = baileys.call("serverHello", Map.of("data", hex(serverHello)));
        List<byte[]> finish = reader.feed(bytes(finished.get("data")));
        NoiseResponder.Finished done = responder.finish(finish.getFirst());
        assertThat(done.clientStaticKey()).isEqualTo(bytes(started.get("noiseKey")));
        assertThat(done.payload().toByteArray()).isEqualTo(bytes(finished.get("payload")));
        assertThat(done.payload().getUsername()).isEqualTo(491701234567L);
        assertThat(done.payload().getUserAgent().getPlatform()).isEqualTo(ClientPayload.UserAgent.Platform.WEB);

        List<Node> toClient = List.of(
                new Node("success", Node.attrsOf("t", "1733500000", "lid", "1234:5@lid")),
                new Node("ib", Node.attrsOf(), List.of(new Node("offline", Node.attrsOf("count", "0")))),
                new Node("iq", Node.attrsOf("id", "x1", "type", "result"), new byte[600]));
        ByteArrayOutputStream oneMessage = new ByteArrayOutputStream();
        for (Node n : toClient) {
            oneMessage.writeBytes(Frames.frame(done.cipher().encrypt(encoder.encode(n))));
        }
        JsonNode received = baileys.call("recv", Map.of("data", hex(oneMessage.toByteArray())));
        List<Node> receivedNodes = new ArrayList<>();
        received.forEach(j -> receivedNodes.add(BaileysScript.nodeFromJson(j)));
        assertThat(receivedNodes).isEqualTo(toClient);

        List<Node> toServer = List.of(
                new Node("iq", Node.attrsOf("id", "a", "xmlns", "passive", "type", "set", "to", "s.whatsapp.net"),
                        List.of(new Node("active"))),
                new Node("presence", Node.attrsOf("type", "available", "name", "Ana")));
        JsonNode sent = baileys.call("send", Map.of("nodes", toServer.stream().map(BaileysScript::nodeToJson).toList()));
        List<Node> got = reader.feed(bytes(sent)).stream().map(f -> decoder.decode(done.cipher().decrypt(f))).toList();
        assertThat(got).isEqualTo(toServer);
    }
}
