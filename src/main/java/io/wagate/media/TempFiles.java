package io.wagate.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * wagate's media temp dir ({@code <dataDir>/tmp}). Files in it get names of our own making, never a client's,
 * so nothing a client sends can place a file anywhere else.
 */
public final class TempFiles {
    private static final Logger log = LoggerFactory.getLogger(TempFiles.class);

    private final Path dir;

    /** Creates the dir if needed. Files left in it by an earlier run (a crash mid-request) are deleted. */
    public TempFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir);
            try (var stale = Files.list(this.dir)) {
                stale.filter(Files::isRegularFile).forEach(TempFiles::deleteQuietly);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the media temp dir " + this.dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** A new empty file; {@code suffix} (".ogg") matters only to tools that look at names, such as ffmpeg. */
    public Path create(String suffix) {
        try {
            return Files.createTempFile(dir, "media-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in the media temp dir " + dir, e);
        }
    }

    /** Deletes {@code file} if it exists; a failure is logged, not thrown, as this runs while handling another. */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the temp file {}: {}", file, e.toString());
        }
    }
}
