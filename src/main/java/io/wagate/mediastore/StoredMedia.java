package io.wagate.mediastore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A stored file being read: its bytes as they arrive, and how many there are. */
public record StoredMedia(InputStream body, long size) implements AutoCloseable {
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
