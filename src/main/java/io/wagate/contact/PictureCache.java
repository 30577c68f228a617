package io.wagate.contact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Profile pictures fetched lately, by session and picture URL (WhatsApp gives a changed picture a new URL), least
 * recently used dropped first once {@code maxEntries} or {@code maxBytes} would be passed.
 */
final class PictureCache {
    record Key(String sessionId, String url) {}

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> images = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    PictureCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    synchronized Optional<byte[]> get(Key key) {
        return Optional.ofNullable(images.get(key));
    }

    synchronized void put(Key key, byte[] image) {
        if (image.length > maxBytes) {
            return;
        }
        var previous = images.put(key, image);
        bytes += image.length - (previous == null ? 0 : previous.length);
        var oldest = images.entrySet().iterator();
        while ((images.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
            Map.Entry<Key, byte[]> eldest = oldest.next();
            bytes -= eldest.getValue().length;
            oldest.remove();
        }
    }

    synchronized int size() {
        return images.size();
    }
}
