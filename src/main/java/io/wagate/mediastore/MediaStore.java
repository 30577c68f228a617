package io.wagate.mediastore;

import io.wagate.config.MediaStoreConfig;
import io.wagate.ids.Sha256;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The media of stored messages: one file per message of a session, named by a hash of the message id so no
 * client-chosen text ever becomes a path or an object key. Failures of the store itself (unreachable, refused)
 * are {@link MediaStoreException}s.
 */
public sealed interface MediaStore extends AutoCloseable permits LocalMediaStore, S3MediaStore {
    /** Copies in an engine's file for a message; the source stays the caller's. */
    void keep(String sessionId, String messageId, Path source);

    /** Takes in a file an engine fetched for a message: the source is gone afterwards. */
    void take(String sessionId, String messageId, Path source);

    /** Whether the message's file is there. */
    boolean contains(String sessionId, String messageId);

    /** The message's file, open for reading; the caller closes it. Empty when there is none. */
    Optional<StoredMedia> open(String sessionId, String messageId);

    @Override
    void close();

    /** The store {@code config} names; an S3 bucket is checked (reachable, the keys accepted) before it is used. */
    static MediaStore open(MediaStoreConfig config, Path dataDir) {
        return switch (config) {
            case MediaStoreConfig.Local local -> new LocalMediaStore(dataDir.resolve("media"));
            case MediaStoreConfig.S3 s3 -> S3MediaStore.connect(s3);
        };
    }

    /** Where a message's file goes, relative to the store's root: {@code <session>/<hash of the message id>}. */
    static String nameOf(String sessionId, String messageId) {
        return sessionId.replaceAll("[^A-Za-z0-9_]", "_") + "/"
                + HexFormat.of().formatHex(Sha256.digest(messageId), 0, 16);
    }
}
