package io.wagate.message;

import io.wagate.ids.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The media of stored messages, under {@code <dataDir>/media/<session id>/}: one file per message,
 * named by a hash of the message id so no client-chosen text ever becomes a path.
 */
public final class MediaFiles {
    private final Path root;

    public MediaFiles(Path root) {
        this.root = root;
    }

    /** Copies an engine's file for a message; the engine's copy stays the engine's business. */
    public void keep(String sessionId, String messageId, Path source) {
        Path target = pathOf(sessionId, messageId);
        try {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep media of message " + messageId, e);
        }
    }

    /** Moves in a file an engine fetched for a message (the caller owns it); returns where it is now. */
    public Path take(String sessionId, String messageId, Path source) {
        Path target = pathOf(sessionId, messageId);
        try {
            Files.createDirectories(target.getParent());
            return Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep media of message " + messageId, e);
        }
    }

    public Optional<Path> find(String sessionId, String messageId) {
        Path path = pathOf(sessionId, messageId);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private Path pathOf(String sessionId, String messageId) {
        return root.resolve(sessionId.replaceAll("[^A-Za-z0-9_]", "_"))
                .resolve(HexFormat.of().formatHex(Sha256.digest(messageId), 0, 16));
    }
}
