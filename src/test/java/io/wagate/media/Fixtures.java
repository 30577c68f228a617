package io.wagate.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Small real media made on the spot: images by javax.imageio, sound and video by ffmpeg (which must be there). */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpeg() {
        return image("jpeg");
    }

    public static byte[] gif() {
        return image("gif");
    }

    public static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] image(String format) {
        var image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(4, 4, 20, 12);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One second of a 440 Hz tone, encoded by ffmpeg into {@code dir/name} (the extension picks the format). */
    public static Path tone(Path dir, String name) {
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "sine=frequency=440:duration=1");
    }

    /** One second of ffmpeg's test picture with a tone; the extension picks the container, {@code codec} the video. */
    public static Path video(Path dir, String name, String codec) {
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=10",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-shortest", "-c:v", codec);
    }

    private static Path ffmpeg(Path output, String... options) {
        var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(options));
        command.add(output.toString());
        run(command);
        return output;
    }

    /** Runs a tool and returns its standard output; a missing tool or a failure fails the test. */
    static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("fixture-", ".err");
            try {
                var process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " failed: " + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.getFirst() + " (./wagate test installs ffmpeg)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** ffprobe's "format_name" and the codec of each stream, e.g. "ogg opus" or "mov,mp4,m4a,3gp,3g2,mj2 h264 aac". */
    static String probe(Path file) {
        return run(List.of("ffprobe", "-v", "error", "-show_entries", "format=format_name:stream=codec_name",
                "-of", "default=noprint_wrappers=1:nokey=1", file.toString())).trim().replaceAll("\\s+", " ");
    }

    static List<Path> list(Path dir) {
        try (var files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
