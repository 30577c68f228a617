package io.wagate.wa.binary;

import static io.wagate.wa.BaileysScript.bytes;
import static io.wagate.wa.BaileysScript.hex;
import static io.wagate.wa.BaileysScript.nodeFromJson;
import static io.wagate.wa.BaileysScript.nodeToJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.wa.BaileysScript;
import io.wagate.wa.WaProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The codec against Baileys' own encodeBinaryNode / decodeBinaryNode, both ways. */
class NodeCodecTest {
    private static BaileysScript baileys;
    private final NodeEncoder encoder = new NodeEncoder();
    private final NodeDecoder decoder = new NodeDecoder();

    @BeforeAll
    static void start() {
        baileys = BaileysScript.start("binary.mjs");
    }

    @AfterAll
    static void stop() {
        baileys.close();
    }

    /** Every kind of string and content the encoder can choose between. */
    static List<Node> variedNodes() {
        Random random = new Random(7);
        byte[] big20 = new byte[300];
        byte[] big32 = new byte[(1 << 20) + 5];
        random.nextBytes(big20);
        random.nextBytes(big32);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("iq", Node.attrsOf("id", "1234.5678-9", "type", "get", "xmlns", "w:g2", "to", "s.whatsapp.net")));
        nodes.add(new Node("message", Node.attrsOf("to", "491701234567@s.whatsapp.net", "from", "491701234567:12@s.whatsapp.net",
                "participant", "123456789012345:3@lid", "recipient", "99887766@lid", "t", "1733500000")));
        nodes.add(new Node("receipt", Node.attrsOf("from", "120363025246125888@g.us", "to", "status@broadcast",
                "n", "120363144038483540@newsletter", "h", "4915112345678:7@hosted", "hl", "2233:9@hosted.lid",
                "c", "16505361212@c.us", "s", "server@c.us", "p", "@s.whatsapp.net", "z", "123:0@s.whatsapp.net",
                "ag", "123_1:2@s.whatsapp.net", "ag2", "77_5@s.whatsapp.net", "dev", "5:300@s.whatsapp.net")));
        nodes.add(new Node("notification", Node.attrsOf("id", "3EB0ABCDEF0123456789", "hexlower", "3eb0abcdef",
                "nibble", "12-34.56", "odd", "123", "long", "1".repeat(127), "toolong", "2".repeat(128),
                "empty", "", "utf", "Grüße 👋", "single", "read-self", "dbl", "America/Sao_Paulo")));
        nodes.add(new Node("enc", Node.attrsOf("v", "2", "type", "pkmsg"), new byte[] {1, 2, 3}));
        nodes.add(new Node("enc", Node.attrsOf(), new byte[0]));
        nodes.add(new Node("media", Node.attrsOf(), big20));
        nodes.add(new Node("media", Node.attrsOf(), big32));
        nodes.add(new Node("body", Node.attrsOf(), "hello there"));
        nodes.add(new Node("body", Node.attrsOf(), "participant"));
        nodes.add(new Node("body", Node.attrsOf(), "120363025246125888@g.us"));
        nodes.add(new Node("list", Node.attrsOf(), List.of()));
        List<Node> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new Node("item", Node.attrsOf("jid", i + "@s.whatsapp.net")));
        }
        nodes.add(new Node("usync", Node.attrsOf("sid", "abc"), List.of(
                new Node("query", Node.attrsOf(), List.of(new Node("devices", Node.attrsOf("version", "2")))),
                new Node("list", Node.attrsOf(), many))));
        return nodes;
    }

    @Test
    void javaEncodesEveryNodeToBaileysBytes() {
        List<Node> nodes = variedNodes();
        JsonNode expected = baileys.call("encode", Map.of("nodes", nodes.stream().map(BaileysScript::nodeToJson).toList()));
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(hex(encoder.encode(nodes.get(i)))).as("node %d %s", i, nodes.get(i).tag()).isEqualTo(expected.get(i).asText());
        }
    }

    @Test
    void javaDecodesBaileysBytesAsBaileysDoes() {
        List<Node> nodes = variedNodes();
        JsonNode frames = baileys.call("encode", Map.of("nodes", nodes.stream().map(BaileysScript::nodeToJson).toList()));
        List<String> hexFrames = new ArrayList<>();
        frames.forEach(f -> hexFrames.add(f.asText()));
        hexFrames.addAll(toList(baileys.call("foreignJids")));
        JsonNode decoded = baileys.call("decode", Map.of("frames", hexFrames));
        for (int i = 0; i < hexFrames.size(); i++) {
            Node javaNode = decoder.decode(java.util.HexFormat.of().parseHex(hexFrames.get(i)));
            assertThat(javaNode).as("frame %d", i).isEqualTo(nodeFromJson(decoded.get(i)));
        }
    }

    @Test
    void baileysDecodesJavaBytesToTheSameNode() {
        List<Node> nodes = variedNodes();
        List<String> frames = nodes.stream().map(n -> hex(encoder.encode(n))).toList();
        JsonNode decoded = baileys.call("decode", Map.of("frames", frames));
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(nodeFromJson(decoded.get(i))).as("node %d", i).isEqualTo(decoder.decode(encoder.encode(nodes.get(i))));
        }
    }

    @Test
    void compressedFramesAreInflated() {
        List<Node> nodes = variedNodes().subList(0, 5);
        JsonNode frames = baileys.call("compress", Map.of("nodes", nodes.stream().map(BaileysScript::nodeToJson).toList()));
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(decoder.decode(bytes(frames.get(i)))).isEqualTo(decoder.decode(encoder.encode(nodes.get(i))));
        }
    }

    @Test
    void tokenResourceEqualsBaileysDictionaries() {
        JsonNode lists = baileys.call("tokens");
        Tokens tokens = Tokens.standard();
        assertThat(tokens.singleByte()).isEqualTo(toList(lists.get("single")));
        List<List<String>> doubles = new ArrayList<>();
        lists.get("double").forEach(d -> doubles.add(toList(d)));
        assertThat(tokens.doubleByte()).isEqualTo(doubles);
    }

    @Test
    void truncatedAndInvalidFramesAreRefused() {
        byte[] full = encoder.encode(variedNodes().get(1));
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(full, full.length - 3)))
                .isInstanceOf(WaProtocolException.class).hasMessageContaining("end of stream");
        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0})).isInstanceOf(WaProtocolException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[] {2, 1, 2, 3})).isInstanceOf(WaProtocolException.class);
    }

    @Test
    void nodeHelpersFindChildrenAndAttributes() {
        Node usync = variedNodes().getLast();
        assertThat(usync.attr("sid")).isEqualTo("abc");
        assertThat(usync.child("list").children("item")).hasSize(300);
        assertThat(usync.child("missing")).isNull();
        assertThat(nodeToJson(usync)).isNotNull();
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.asText()));
        return out;
    }
}
