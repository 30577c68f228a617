package io.wagate.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes the link preview of a text, for engines that send one but must not fetch web pages
 * themselves: fetches go through wagate's private-target guard, which lives on the Java side.
 */
@FunctionalInterface
public interface LinkPreviews {
    /** No previews at all. */
    LinkPreviews NONE = (text, highQuality) -> Optional.empty();

    /** The preview of the text's first http(s) link; empty when it has none or the page cannot be read. */
    Optional<EngineMessage.LinkPreview> of(String text, boolean highQuality);

    /** The first http(s) link of a text, without the punctuation that usually follows one in prose. */
    static Optional<URI> firstLink(String text) {
        var link = Links.PATTERN.matcher(text);
        if (!link.find()) {
            return Optional.empty();
        }
        try {
            var uri = new URI(link.group().replaceAll("[.,;:!?'\")\\]}>]+$", ""));
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Holder of the pattern (interfaces cannot have private constants). */
    final class Links {
        static final Pattern PATTERN = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);

        private Links() {}
    }
}
