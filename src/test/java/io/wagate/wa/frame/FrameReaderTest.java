package io.wagate.wa.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.wa.WaProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing; the bytes Baileys' encodeFrame writes are checked against this reader in NoiseBaileysTest. */
class FrameReaderTest {
    @Test
    void serverReadsIntroAndFramesSplitAnywhere() {
        byte[] routing = {9, 8, 7, 6, 5};
        byte[] a = "first".getBytes();
        byte[] b = new byte[70_000];
        Arrays.fill(b, (byte) 3);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(Frames.frame(IntroHeader.forClient(routing), a));
        stream.writeBytes(Frames.frame(b));
        stream.writeBytes(Frames.frame(new byte[0]));
        byte[] all = stream.toByteArray();
        for (int chunk : new int[] {1, 2, 7, 1000, all.length}) {
            FrameReader reader = FrameReader.server();
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < all.length; i += chunk) {
                frames.addAll(reader.feed(Arrays.copyOfRange(all, i, Math.min(all.length, i + chunk))));
            }
            assertThat(frames).hasSize(3);
            assertThat(frames.get(0)).isEqualTo(a);
            assertThat(frames.get(1)).isEqualTo(b);
            assertThat(frames.get(2)).isEmpty();
            assertThat(reader.intro().routingInfo()).isEqualTo(routing);
            assertThat(reader.intro().header()).isEqualTo(IntroHeader.noiseHeader());
            assertThat(reader.intro().dictVersion()).isEqualTo(IntroHeader.DICT_VERSION);
        }
    }

    @Test
    void introWithoutRoutingAndClientReader() {
        FrameReader server = FrameReader.server();
        assertThat(server.feed(Frames.frame(IntroHeader.forClient(null), new byte[] {1}))).hasSize(1);
        assertThat(server.intro().routingInfo()).isNull();
        assertThat(FrameReader.client().feed(Frames.frame(new byte[] {4, 5}))).containsExactly(new byte[] {4, 5});
    }

    @Test
    void badIntroIsRefused() {
        assertThatThrownBy(() -> FrameReader.server().feed(new byte[] {'X', 'Y', 6, 3, 0, 0, 0}))
                .isInstanceOf(WaProtocolException.class);
    }
}
