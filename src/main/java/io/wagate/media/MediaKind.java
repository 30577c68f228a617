package io.wagate.media;

import io.wagate.config.Config.MediaConfig;
import java.util.Locale;

/** What an endpoint sends, which decides the types it accepts and the size limit that applies. */
public enum MediaKind {
    IMAGE("an image (image/*)", "images"),
    VIDEO("a video (video/*)", "videos"),
    /** A video, or a GIF that the endpoint converts to MP4 (WhatsApp plays GIFs as looping MP4 videos). */
    VIDEO_OR_GIF("a video (video/*) or a GIF", "videos"),
    AUDIO("audio (audio/*)", "audio"),
    DOCUMENT("any file", "documents");

    private final String wanted;
    private final String plural;

    MediaKind(String wanted, String plural) {
        this.wanted = wanted;
        this.plural = plural;
    }

    /** Whether a file of {@code mimetype} (a sniffed base type such as {@code image/png}) fits this kind. */
    public boolean accepts(String mimetype) {
        String type = baseType(mimetype);
        return switch (this) {
            case IMAGE -> type.startsWith("image/");
            case VIDEO -> type.startsWith("video/");
            case VIDEO_OR_GIF -> type.startsWith("video/") || type.equals("image/gif");
            // An Ogg file whose codec the sniffer cannot name is far likelier sound than a Theora video.
            case AUDIO -> type.startsWith("audio/") || type.equals("application/ogg");
            case DOCUMENT -> true;
        };
    }

    public long maxBytes(MediaConfig limits) {
        return switch (this) {
            case IMAGE -> limits.maxImageBytes();
            case VIDEO, VIDEO_OR_GIF -> limits.maxVideoBytes();
            case AUDIO -> limits.maxAudioBytes();
            case DOCUMENT -> limits.maxDocumentBytes();
        };
    }

    /** Words for error messages: "this endpoint sends an image (image/*)". */
    public String wanted() {
        return wanted;
    }

    /** Words for error messages: "the 16 MB limit for images". */
    public String plural() {
        return plural;
    }

    static String baseType(String mimetype) {
        int semicolon = mimetype.indexOf(';');
        return (semicolon < 0 ? mimetype : mimetype.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
