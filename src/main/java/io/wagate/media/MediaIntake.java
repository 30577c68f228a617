package io.wagate.media;

import io.wagate.config.Config;
import io.wagate.config.Config.MediaConfig;
import io.wagate.error.ApiException;
import io.wagate.engine.LinkPreviews;
import io.wagate.error.ErrorKind;
import io.wagate.error.Fields;
import io.wagate.net.GuardedHttpClient;
import io.wagate.net.TargetGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Receives the files clients send, whatever the surface: the v1 API's {@code file: {url | data, mimetype?,
 * filename?}} and the simple API's multipart parts. Each ends as an {@link IncomingMedia} in the temp dir whose
 * type was sniffed from the bytes and checked against what the endpoint sends, within that kind's size limit;
 * on any failure the temp file is gone before the exception leaves.
 */
public final class MediaIntake implements AutoCloseable {
    private static final Duration PREVIEW_TIMEOUT = Duration.ofSeconds(5);
    /** What a client may say about a file: its name (common file systems' limit), its type (RFC 6838 allows 255). */
    public static final int MAX_FILENAME = 255;
    public static final int MAX_MIMETYPE = 255;
    public static final int MAX_URL = 2048;
    private final MediaConfig config;
    private final TempFiles temp;
    private final MimeSniffer sniffer = new MimeSniffer();
    private final GuardedHttpClient http;
    private final UrlDownloader downloader;

    /** The v1 API's {@code file} object; Jackson reads it as it is. */
    public record FileInput(String url, Base64Text data, String mimetype, String filename) {
        public FileInput(String url, String data, String mimetype, String filename) {
            this(url, data == null ? null : Base64Text.of(data), mimetype, filename);
        }
    }

    /** @param version wagate's version, for the User-Agent of downloads */
    public MediaIntake(MediaConfig config, TempFiles temp, String version) {
        this(config, temp, new TargetGuard(config.allowPrivateTargets()), version);
    }

    /** With a guard of the caller's making (tests give host names fixed addresses). */
    public MediaIntake(MediaConfig config, TempFiles temp, TargetGuard guard, String version) {
        this.config = config;
        this.temp = temp;
        this.http = new GuardedHttpClient(guard, "wagate/" + version);
        this.downloader = new UrlDownloader(http, config.downloadTimeout());
    }

    /** The intake the server runs: limits from the config, temp files under {@code <dataDir>/tmp}. */
    public static MediaIntake forConfig(Config config, TargetGuard guard, String version) {
        return new MediaIntake(config.media(), new TempFiles(config.dataDir().resolve("tmp")), guard, version);
    }

    public TempFiles tempFiles() {
        return temp;
    }

    /** Previews of links, fetched through this intake's guarded client; a send waits for one at most this long. */
    public LinkPreviews linkPreviews() {
        var wait = config.downloadTimeout().compareTo(PREVIEW_TIMEOUT) < 0 ? config.downloadTimeout() : PREVIEW_TIMEOUT;
        return new PagePreviews(new UrlDownloader(http, wait));
    }

    /**
     * The v1 {@code file} object: exactly one of {@code url} and {@code data}.
     *
     * @param trusted the caller is an admin, who may download from private addresses
     * @throws ApiException 400 (missing, both, invalid, refused URL, failed download), 413, 415
     */
    public IncomingMedia receive(FileInput file, MediaKind kind, boolean trusted) {
        if (file == null) {
            throw ApiException.badRequest("file is required: {\"url\": …} or {\"data\": \"<base64>\"}");
        }
        Fields.limited(file.filename(), "file.filename", MAX_FILENAME);
        Fields.limited(file.mimetype(), "file.mimetype", MAX_MIMETYPE);
        Fields.limited(file.url(), "file.url", MAX_URL);
        boolean hasUrl = file.url() != null && !file.url().isBlank();
        boolean hasData = file.data() != null && !file.data().isEmpty();
        if (hasUrl == hasData) {
            throw ApiException.badRequest(hasUrl ? "file must have either url or data, not both"
                    : "file.url or file.data is required");
        }
        return hasUrl ? fromUrl(file.url(), file.mimetype(), file.filename(), kind, trusted)
                : fromBase64(file.data(), file.mimetype(), file.filename(), kind);
    }

    /** Downloads {@code url}; the server's Content-Type and the URL's last segment serve as hints when none given. */
    public IncomingMedia fromUrl(String url, String mimetype, String filename, MediaKind kind, boolean trusted) {
        var limit = limit(kind);
        return intake(kind, mimetype, filename, target -> {
            var downloaded = downloader.download(url, trusted, limit, target);
            return new Hints(firstNonBlank(mimetype, downloaded.contentType()),
                    firstNonBlank(filename, downloaded.filename()));
        });
    }

    /** Decodes base64 (or a base64 data: URL), read as it is decoded, into the temp file. */
    public IncomingMedia fromBase64(Base64Text data, String mimetype, String filename, MediaKind kind) {
        var parsed = Base64Data.parse(data);
        var limit = limit(kind);
        return intake(kind, mimetype, filename, target -> {
            try (var decoded = parsed.stream()) {
                limit.copy(decoded, target, e -> ApiException.badRequest("file.data is not valid base64: "
                        + e.getMessage()));
            } catch (IOException e) {
                throw ApiException.badRequest("file.data is not valid base64: " + e.getMessage());
            }
            return new Hints(firstNonBlank(mimetype, parsed.declaredType()), filename);
        });
    }

    /**
     * A stream (a multipart part) with what the client declared about it. The stream is read up to the limit
     * and not closed: it belongs to the caller.
     */
    public IncomingMedia fromStream(InputStream in, String mimetype, String filename, MediaKind kind) {
        Fields.limited(filename, "the part's filename", MAX_FILENAME);
        Fields.limited(mimetype, "the part's Content-Type", MAX_MIMETYPE);
        var limit = limit(kind);
        return intake(kind, mimetype, filename, target -> {
            limit.copy(in, target, e -> ApiException.badRequest("the upload of " + subject(filename)
                    + " broke off: " + e.getMessage()));
            return new Hints(mimetype, filename);
        });
    }

    /** The limit for {@code kind}. */
    public long maxBytes(MediaKind kind) {
        return kind.maxBytes(config);
    }

    private SizeLimit limit(MediaKind kind) {
        return new SizeLimit(kind.maxBytes(config), kind);
    }

    /** What the client and the source said about a file; hints for sniffing and the display name. */
    private record Hints(String mimetype, String filename) {}

    /** Fills a new temp file with {@code fill}, then checks it; the file is deleted on any failure. */
    private IncomingMedia intake(MediaKind kind, String mimetype, String filename, Function<Path, Hints> fill) {
        Path target = temp.create("");
        try {
            Hints hints = fill.apply(target);
            long size = Files.size(target);
            if (size == 0) {
                throw ApiException.badRequest(subject(hints.filename()) + " is empty");
            }
            String type = sniffer.detect(target, hints.filename(), hints.mimetype(), kind);
            if (!kind.accepts(type)) {
                throw new ApiException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, subject(hints.filename()) + " is " + type + (type.equals("application/octet-stream") ? " (not a recognised format)" : "")
                        + ", but this endpoint sends " + kind.wanted());
            }
            return new IncomingMedia(target, type, DisplayNames.of(hints.filename(), sniffer.extension(type)), size);
        } catch (IOException e) {
            TempFiles.deleteQuietly(target);
            throw new UncheckedIOException("could not read the temp file " + target, e);
        } catch (RuntimeException | Error e) {
            TempFiles.deleteQuietly(target);
            throw e;
        }
    }

    /** "the file" or "the file 'x.png'" (the safe form of the name: messages echo it to the client). */
    private static String subject(String filename) {
        return filename == null || filename.isBlank() ? "the file" : "the file '" + DisplayNames.of(filename, "") + "'";
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    @Override
    public void close() {
        http.close();
    }
}
