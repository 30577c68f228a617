package io.wagate.media;

import io.wagate.engine.EngineMessage;
import io.wagate.engine.LinkPreviews;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link previews made from the page itself: its title and description, Open Graph tags first, then
 * {@code <title>} and the description meta tag. Pages are fetched as {@code file.url} downloads are:
 * http(s) only, every hop (redirects included) checked by the private-target guard, here as for a
 * non-admin caller since an engine does not know who sends. At most {@value #MAX_HEAD_BYTES} bytes of
 * a page are read. A page that cannot be read, or is not HTML, gives no preview, and the message is
 * sent without one, as WhatsApp's apps do.
 */
public final class PagePreviews implements LinkPreviews {
    static final int MAX_HEAD_BYTES = 512 * 1024;
    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 512;
    private static final Logger log = LoggerFactory.getLogger(PagePreviews.class);
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern META = Pattern.compile("<meta\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z:_-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");
    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");
    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ");

    private final UrlDownloader downloader;

    PagePreviews(UrlDownloader downloader) {
        this.downloader = downloader;
    }

    @Override
    public Optional<EngineMessage.LinkPreview> of(String text, boolean highQuality) {
        return LinkPreviews.firstLink(text).flatMap(url -> fetch(url, highQuality));
    }

    private Optional<EngineMessage.LinkPreview> fetch(URI url, boolean highQuality) {
        try {
            return downloader.fetch(url.toString(), false, "text/html,application/xhtml+xml",
                    (response, body, last) -> {
                        String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
                        if (type != null && !type.toLowerCase(Locale.ROOT).contains("html")) {
                            return Optional.empty();
                        }
                        byte[] head = body.readNBytes(MAX_HEAD_BYTES);
                        return Optional.of(preview(url, new String(head, charset(type, head)), highQuality));
                    });
        } catch (RuntimeException e) {
            log.debug("no link preview for {}: {}", url, e.getMessage());
            return Optional.empty();
        }
    }

    /** The preview of a page's HTML: its title (else the host) and description. */
    static EngineMessage.LinkPreview preview(URI url, String html, boolean highQuality) {
        var metas = new HashMap<String, String>();
        Matcher meta = META.matcher(html);
        while (meta.find()) {
            var attributes = attributes(meta.group(1));
            String name = attributes.getOrDefault("property", attributes.get("name"));
            String content = attributes.get("content");
            if (name != null && content != null) {
                metas.putIfAbsent(name.toLowerCase(Locale.ROOT), content);
            }
        }
        Matcher title = TITLE.matcher(html);
        String pageTitle = first(MAX_TITLE, metas.get("og:title"), metas.get("twitter:title"),
                title.find() ? title.group(1) : null);
        String description = first(MAX_DESCRIPTION, metas.get("og:description"), metas.get("description"),
                metas.get("twitter:description"));
        return new EngineMessage.LinkPreview(url.toString(),
                pageTitle == null ? url.getHost().toLowerCase(Locale.ROOT) : pageTitle,
                description, highQuality);
    }

    private static Map<String, String> attributes(String tag) {
        var out = new HashMap<String, String>();
        Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            String value = attribute.group(2) != null ? attribute.group(2)
                    : attribute.group(3) != null ? attribute.group(3) : attribute.group(4);
            out.putIfAbsent(attribute.group(1).toLowerCase(Locale.ROOT), value);
        }
        return out;
    }

    /** The first of the candidates with text in it, cleaned (entities decoded, white space collapsed, capped). */
    private static String first(int max, String... candidates) {
        for (String candidate : candidates) {
            String clean = candidate == null ? "" : unescape(candidate).replaceAll("\\s+", " ").strip();
            if (!clean.isEmpty()) {
                return clean.length() > max ? clean.substring(0, max) : clean;
            }
        }
        return null;
    }

    private static String unescape(String text) {
        return ENTITY.matcher(text).replaceAll(match -> {
            String entity = match.group(1);
            String decoded;
            if (entity.startsWith("#")) {
                boolean hex = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X');
                int code = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
                decoded = Character.isValidCodePoint(code) ? Character.toString(code) : match.group();
            } else {
                decoded = ENTITIES.getOrDefault(entity.toLowerCase(Locale.ROOT), match.group());
            }
            return Matcher.quoteReplacement(decoded);
        });
    }

    /** The charset the server names, else the one the page declares in its first bytes, else UTF-8. */
    private static Charset charset(String contentType, byte[] head) {
        for (String source : new String[] {contentType,
                new String(head, 0, Math.min(head.length, 2048), StandardCharsets.ISO_8859_1)}) {
            if (source == null) {
                continue;
            }
            Matcher charset = CHARSET.matcher(source);
            if (charset.find()) {
                try {
                    return Charset.forName(charset.group(1));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
