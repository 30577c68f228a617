package io.wagate.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Conversions WhatsApp needs, done by ffmpeg (the Debian package, installed by {@code ./wagate}): voice notes must
 * be Ogg/Opus, and GIFs and other videos play as MP4 (H.264/AAC). Each run is a child process with a time limit,
 * writing into the temp dir; its error output becomes the client's error message.
 */
public final class MediaConverter {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** Enough of ffmpeg's complaint to tell what went wrong, not a wall of text. */
    private static final int MAX_ERROR_CHARS = 300;

    private final TempFiles temp;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    /** ffmpeg takes whole cores: more runs at once than cores would only make each slower. */
    private final Semaphore slots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    public MediaConverter(TempFiles temp) {
        this(temp, DEFAULT_TIMEOUT);
    }

    public MediaConverter(TempFiles temp, Duration timeout) {
        this.temp = temp;
        this.timeout = timeout;
    }

    /** Whether {@code file} is what WhatsApp plays as a voice note: an Ogg file whose audio is all Opus. */
    public boolean isOggOpus(Path file) {
        var result = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=format_name:stream=codec_type,codec_name",
                "-of", "json", file.toString()), file, "the file");
        if (!result.ok()) {
            return false;
        }
        try {
            JsonNode probe = json.readTree(result.stdout());
            boolean ogg = probe.path("format").path("format_name").asText().equals("ogg");
            boolean any = false;
            for (JsonNode stream : probe.path("streams")) {
                if (!stream.path("codec_type").asText().equals("audio") || !stream.path("codec_name").asText().equals("opus")) {
                    return false;
                }
                any = true;
            }
            return ogg && any;
        } catch (IOException e) {
            return false;
        }
    }

    /** A voice note from any audio (or a video's first audio track): mono Opus in Ogg, 48 kHz. */
    public IncomingMedia toOggOpus(IncomingMedia source) {
        return convert(source, ".ogg", MimeSniffer.OGG_OPUS, "OGG/Opus", List.of(
                "-map", "0:a:0", "-vn", "-c:a", "libopus", "-b:a", "48k", "-ac", "1", "-ar", "48000",
                "-application", "voip", "-f", "ogg"));
    }

    /**
     * An MP4 (H.264 video, AAC audio when there is any) from a GIF or any other video. The size is rounded to
     * even pixels, which H.264 with yuv420p requires; faststart lets players begin before the end arrives.
     */
    public IncomingMedia toMp4(IncomingMedia source) {
        return convert(source, ".mp4", "video/mp4", "MP4", List.of(
                "-map", "0:v:0", "-map", "0:a:0?", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                "-pix_fmt", "yuv420p", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:a", "aac", "-b:a", "128k",
                "-movflags", "+faststart", "-f", "mp4"));
    }

    /**
     * A profile picture as WhatsApp keeps them: a JPEG of at most 640 pixels a side (smaller ones
     * keep their size), proportions kept; of an animation, the first frame.
     */
    public IncomingMedia toJpeg(IncomingMedia source) {
        return convert(source, ".jpg", "image/jpeg", "JPEG", List.of(
                "-frames:v", "1", "-vf", "scale='min(640,iw)':'min(640,ih)':force_original_aspect_ratio=decrease",
                "-q:v", "3", "-c:v", "mjpeg", "-f", "image2"));
    }

    private IncomingMedia convert(IncomingMedia source, String suffix, String mimetype, String format,
                                  List<String> outputOptions) {
        Path output = temp.create(suffix);
        try {
            var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    "-i", source.path().toString()));
            command.addAll(outputOptions);
            command.add(output.toString());
            var result = run(command, source.path(), "'" + source.filename() + "'");
            if (!result.ok()) {
                throw new ApiException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "cannot convert '" + source.filename()
                        + "' to " + format + ": " + result.error());
            }
            long size = Files.size(output);
            if (size == 0) {
                throw new ApiException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "cannot convert '" + source.filename()
                        + "' to " + format + ": ffmpeg produced nothing");
            }
            return new IncomingMedia(output, mimetype, renamed(source.filename(), suffix), size);
        } catch (IOException e) {
            TempFiles.deleteQuietly(output);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            TempFiles.deleteQuietly(output);
            throw e;
        }
    }

    /** "memo.mp3" becomes "memo.ogg". */
    static String renamed(String filename, String suffix) {
        int dot = filename.lastIndexOf('.');
        return (dot > 0 ? filename.substring(0, dot) : filename) + suffix;
    }

    private record Result(boolean ok, String stdout, String error) {}

    /**
     * Runs a tool with the time limit. Output goes to temp files rather than pipes, so a chatty tool can never
     * block on a full pipe while we wait for it.
     *
     * @param input the file the tool reads; its temp path is replaced by {@code inputName} in error messages
     */
    private Result run(List<String> command, Path input, String inputName) {
        Path stdout = temp.create(".out");
        Path stderr = temp.create(".err");
        Process process = null;
        try {
            if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.unavailable("media conversion is busy; try again shortly");
            }
            try {
                process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw ApiException.badRequest("converting " + inputName + " took longer than "
                            + timeout.toSeconds() + " s; send a shorter file");
                }
            } finally {
                slots.release();
            }
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            return new Result(process.exitValue() == 0, Files.readString(stdout, StandardCharsets.UTF_8),
                    tidy(errors, input, inputName));
        } catch (IOException e) {
            if (process == null) {
                throw ApiException.unavailable("media conversion needs " + command.getFirst()
                        + " (the ffmpeg package), which is not installed on this server");
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("media conversion was interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                stop(process);
            }
            TempFiles.deleteQuietly(stdout);
            TempFiles.deleteQuietly(stderr);
        }
    }

    /** Kills a run past its time; waits a little so that it writes no more into files we are about to delete. */
    private static void stop(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of ffmpeg's complaint, without our temp paths. */
    private String tidy(String errors, Path input, String inputName) {
        String text = errors.replace(input.toString(), inputName).replace(temp.dir().toString() + "/", "").strip();
        if (text.isEmpty()) {
            return "ffmpeg failed without saying why";
        }
        return text.length() <= MAX_ERROR_CHARS ? text : "…" + text.substring(text.length() - MAX_ERROR_CHARS);
    }
}
