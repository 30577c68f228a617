package io.wagate.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.HttpHeaders;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;
import org.apache.tika.parser.ParseContext;

/**
 * What a file is, from its bytes (Apache Tika's magic detection). The client's file name and declared type are
 * hints only: Tika takes a hint solely where it refines what the bytes say (plain text named .csv is text/csv, a
 * ZIP named .docx is a Word document), never where it contradicts them (a PNG named .mp4 stays image/png, an
 * Ogg/Opus file named .ogg stays Opus).
 */
final class MimeSniffer {
    /** WhatsApp's name for an Ogg/Opus voice note; Tika calls the same bytes audio/opus. */
    static final String OGG_OPUS = "audio/ogg; codecs=opus";

    private final MimeTypes types = loadTypes();

    /** Tika's registry with our fixes read after it (one: Ogg/Opus, see tika-mimetypes-fixes.xml). */
    private static MimeTypes loadTypes() {
        try {
            return MimeTypesFactory.create(MimeTypes.class.getResource("tika-mimetypes.xml"),
                    MimeSniffer.class.getResource("tika-mimetypes-fixes.xml"));
        } catch (IOException | MimeTypeException e) {
            throw new IllegalStateException("cannot load the media type registry", e);
        }
    }

    /** The type of {@code file}, with {@code filename} and {@code declared} (either may be null) as hints. */
    String detect(Path file, String filename, String declared, MediaKind kind) {
        MediaType byBytes = detect(file, new Metadata());
        if (byBytes.equals(MediaType.OCTET_STREAM) && kind != MediaKind.DOCUMENT) {
            // Unrecognised bytes: a name or a declared type would be a guess, and a guess is not enough
            // to send something as an image, a video or audio. Documents may be anything.
            return byBytes.toString();
        }
        var hints = new Metadata();
        if (filename != null && !filename.isBlank()) {
            hints.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        if (declared != null && !declared.isBlank()) {
            hints.set(HttpHeaders.CONTENT_TYPE, declared);
        }
        MediaType hinted = detect(file, hints);
        // Tika lets a hint pick any specialisation of any type the magic matched: an Ogg/Opus file matches both
        // audio/opus and application/ogg, and the name x.ogg would make it audio/vorbis. Keep only refinements.
        boolean refines = hinted.equals(byBytes) || types.getMediaTypeRegistry().isSpecializationOf(hinted, byBytes);
        String type = (refines ? hinted : byBytes).getBaseType().toString();
        return type.equals("audio/opus") ? OGG_OPUS : type;
    }

    /** The usual extension of {@code mimetype} (".png"), or "" when Tika knows none. */
    String extension(String mimetype) {
        try {
            return types.forName(MediaKind.baseType(mimetype)).getExtension();
        } catch (MimeTypeException e) {
            return "";
        }
    }

    private MediaType detect(Path file, Metadata metadata) {
        // A plain stream, not TikaInputStream.get(path): that would offer our temp file's own name as a hint.
        try (var stream = TikaInputStream.get(new BufferedInputStream(Files.newInputStream(file)))) {
            return types.detect(stream, metadata, new ParseContext());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the temp file " + file, e);
        }
    }
}
