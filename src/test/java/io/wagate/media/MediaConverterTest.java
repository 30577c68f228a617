package io.wagate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.config.Config.MediaConfig;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real conversions by ffmpeg on media that ffmpeg made; ffmpeg missing fails these tests, it never skips them. */
class MediaConverterTest {
    @TempDir
    static Path dir;

    private static Path fixtures;
    private static TempFiles temp;
    private static MediaIntake intake;
    private static MediaConverter converter;

    @BeforeAll
    static void start() throws IOException {
        fixtures = Files.createDirectories(dir.resolve("fixtures"));
        temp = new TempFiles(dir.resolve("tmp"));
        intake = new MediaIntake(MediaConfig.defaults(), temp, "test");
        converter = new MediaConverter(temp);
    }

    @AfterAll
    static void stop() {
        intake.close();
    }

    private static IncomingMedia receive(Path file, MediaKind kind) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return intake.fromStream(in, null, file.getFileName().toString(), kind);
        }
    }

    @Test
    void anyAudioBecomesAnOggOpusVoiceNote() throws IOException {
        for (String name : new String[] {"tone.wav", "tone.mp3"}) {
            Path source = Fixtures.tone(fixtures, name);
            try (var audio = receive(source, MediaKind.AUDIO);
                 var voice = converter.toOggOpus(audio)) {
                assertThat(audio.mimetype()).isIn("audio/vnd.wave", "audio/x-wav", "audio/wav", "audio/mpeg");
                assertThat(converter.isOggOpus(audio.path())).isFalse();

                assertThat(voice.mimetype()).isEqualTo("audio/ogg; codecs=opus");
                assertThat(voice.filename()).isEqualTo(name.replaceAll("\\.\\w+$", ".ogg"));
                assertThat(voice.path().getParent()).isEqualTo(temp.dir());
                assertThat(voice.size()).isEqualTo(Files.size(voice.path())).isPositive();
                assertThat(converter.isOggOpus(voice.path())).isTrue();
                assertThat(Fixtures.probe(voice.path())).contains("opus").contains("ogg");
                // Tika, reading the result as an upload, agrees.
                try (var again = receive(voice.path(), MediaKind.AUDIO)) {
                    assertThat(again.mimetype()).isEqualTo("audio/ogg; codecs=opus");
                }
            }
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void otherVideosAndGifsBecomeMp4() throws IOException {
        Path webm = Fixtures.video(fixtures, "clip.webm", "libvpx");
        Path avi = Fixtures.video(fixtures, "clip.avi", "mpeg4");
        for (Path source : new Path[] {webm, avi}) {
            try (var video = receive(source, MediaKind.VIDEO);
                 var mp4 = converter.toMp4(video)) {
                assertThat(video.mimetype()).startsWith("video/").isNotEqualTo("video/mp4");
                assertThat(mp4.mimetype()).isEqualTo("video/mp4");
                assertThat(mp4.filename()).isEqualTo("clip.mp4");
                assertThat(Fixtures.probe(mp4.path())).contains("mp4").contains("h264").contains("aac");
                try (var again = receive(mp4.path(), MediaKind.VIDEO)) {
                    assertThat(again.mimetype()).isEqualTo("video/mp4");
                }
            }
        }
        Path gif = Files.write(fixtures.resolve("wave.gif"), Fixtures.gif());
        try (var animation = receive(gif, MediaKind.VIDEO_OR_GIF);
             var mp4 = converter.toMp4(animation)) {
            assertThat(Fixtures.probe(mp4.path())).contains("h264").doesNotContain("aac");
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void garbageGivesAClearErrorAndNoFiles() throws IOException {
        Path junk = Files.write(fixtures.resolve("junk.mp3"), "this is not audio at all, just words".repeat(50)
                .getBytes());
        try (var document = receive(junk, MediaKind.DOCUMENT)) {
            assertThatThrownBy(() -> converter.toOggOpus(document))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_MEDIA_TYPE);
                        assertThat(e.getMessage()).startsWith("cannot convert 'junk.mp3' to OGG/Opus: ")
                                .doesNotContain(temp.dir().toString());
                    });
            assertThatThrownBy(() -> converter.toMp4(document))
                    .isInstanceOf(ApiException.class).hasMessageStartingWith("cannot convert 'junk.mp3' to MP4: ");
            assertThat(converter.isOggOpus(document.path())).isFalse();
            // A picture has no audio to make a voice note of.
            try (var png = receive(Files.write(fixtures.resolve("p.png"), Fixtures.png()), MediaKind.IMAGE)) {
                assertThatThrownBy(() -> converter.toOggOpus(png)).isInstanceOf(ApiException.class)
                        .hasMessageContaining("cannot convert 'p.png' to OGG/Opus");
            }
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void namesChangeOnlyTheirExtension() {
        assertThat(MediaConverter.renamed("memo.final.mp3", ".ogg")).isEqualTo("memo.final.ogg");
        assertThat(MediaConverter.renamed("memo", ".ogg")).isEqualTo("memo.ogg");
        assertThat(MediaConverter.renamed(".ogg", ".mp4")).isEqualTo(".ogg.mp4");
    }
}
