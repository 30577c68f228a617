package io.wagate.mediastore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The media under {@code <dataDir>/media/}: what one process alone can reach (the default). */
public final class LocalMediaStore implements MediaStore {
    private final Path root;

    LocalMediaStore(Path root) {
        this.root = root;
    }

    @Override
    public void keep(String sessionId, String messageId, Path source) {
        put(sessionId, messageId, source, false);
    }

    @Override
    public void take(String sessionId, String messageId, Path source) {
        put(sessionId, messageId, source, true);
    }

    private void put(String sessionId, String messageId, Path source, boolean move) {
        Path target = pathOf(sessionId, messageId);
        try {
            Files.createDirectories(target.getParent());
            if (move) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep media of message " + messageId, e);
        }
    }

    @Override
    public boolean contains(String sessionId, String messageId) {
        return Files.isRegularFile(pathOf(sessionId, messageId));
    }

    @Override
    public Optional<StoredMedia> open(String sessionId, String messageId) {
        Path path = pathOf(sessionId, messageId);
        try {
            return Optional.of(new StoredMedia(Files.newInputStream(path), Files.size(path)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read media of message " + messageId, e);
        }
    }

    @Override
    public void close() {
        // Nothing held between calls.
    }

    private Path pathOf(String sessionId, String messageId) {
        return root.resolve(MediaStore.nameOf(sessionId, messageId));
    }
}
