package io.wagate.simple;

import io.wagate.media.MediaKind;
import io.wagate.message.MediaMessages;
import java.util.List;

/** The four upload endpoints: the field their files come in, how many, of what kind, and their other fields. */
public enum MediaEndpoint {
    PHOTO("photos", 10, MediaMessages.Kind.IMAGE, "image files", List.of("caption", "viewOnce")),
    VIDEO("videos", 5, MediaMessages.Kind.VIDEO, "video files", List.of("caption", "gif", "viewOnce")),
    AUDIO("audios", 5, MediaMessages.Kind.AUDIO, "audio files", List.of("voice")),
    FILE("files", 5, MediaMessages.Kind.FILE, "files", List.of("caption"));

    private final String field;
    private final int maxFiles;
    private final MediaMessages.Kind kind;
    private final String what;
    private final List<String> options;

    MediaEndpoint(String field, int maxFiles, MediaMessages.Kind kind, String what, List<String> options) {
        this.field = field;
        this.maxFiles = maxFiles;
        this.kind = kind;
        this.what = what;
        this.options = options;
    }

    public String field() {
        return field;
    }

    int maxFiles() {
        return maxFiles;
    }

    /** {@code photos}, or {@code photos[]} as browsers' FormData habits name it. */
    boolean isFileField(String name) {
        return field.equals(name) || (field + "[]").equals(name);
    }

    boolean isTextField(String name) {
        return name.equals("number") || name.equals("group") || options.contains(name);
    }

    /** The fields this endpoint takes, for error messages. */
    String fields() {
        return field + ", number, group" + (options.isEmpty() ? "" : ", " + String.join(", ", options));
    }

    /** Files accepted while streaming in: a video may also be a GIF (sent as a video, looping with gif=true). */
    MediaKind intakeKind() {
        return MediaMessages.intakeKind(kind, true);
    }

    /** What goes out; an audio file with voice=true is a voice note. */
    MediaMessages.Kind kind(boolean voice) {
        return kind == MediaMessages.Kind.AUDIO && voice ? MediaMessages.Kind.VOICE : kind;
    }

    String required() {
        return field + " is required: 1 to " + maxFiles + " " + what;
    }
}
