package io.wagate.media;

import io.wagate.engine.OutgoingMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A received file, checked and on disk in wagate's temp dir: the {@code mimetype} is what the bytes are (sniffed,
 * not what the client said), {@code filename} is a display name only (never used as a path), {@code size} in bytes.
 * The file belongs to whoever holds this: {@link #close()} deletes it, so use try-with-resources and close it
 * once the engine is done with the file.
 */
public record IncomingMedia(Path path, String mimetype, String filename, long size) implements AutoCloseable {

    /** What the engines take; the file stays owned by this object. */
    public OutgoingMessage.MediaFile toMediaFile() {
        return new OutgoingMessage.MediaFile(path, mimetype, filename, size);
    }

    /** Deletes the temp file; closing twice is harmless. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temp file " + path, e);
        }
    }
}
