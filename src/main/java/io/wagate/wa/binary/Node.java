package io.wagate.wa.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of the binary format. {@code content} is null, {@code byte[]}, {@code String} (what the decoder yields
 * when the content was written as a token, packed digits or a JID, as Baileys does) or {@code List<Node>}.
 * Attribute order is kept: it decides the bytes on the wire.
 */
public record Node(String tag, Map<String, String> attrs, Object content) {
    public Node {
        Objects.requireNonNull(tag, "tag");
        attrs = attrs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        if (content instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Node)) {
                    throw new IllegalArgumentException("list content holds only nodes, not " + item);
                }
            }
            content = List.copyOf(list);
        } else if (content != null && !(content instanceof byte[]) && !(content instanceof String)) {
            throw new IllegalArgumentException("content is null, byte[], String or List<Node>, not " + content.getClass());
        }
    }

    public Node(String tag, Map<String, String> attrs) {
        this(tag, attrs, null);
    }

    public Node(String tag) {
        this(tag, Map.of(), null);
    }

    /** Attribute pairs in order: {@code Node.attrsOf("id", "1", "type", "get")}. */
    public static Map<String, String> attrsOf(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in key/value pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    public String attr(String name) {
        return attrs.get(name);
    }

    /** The child nodes; empty when the content is not a list. */
    @SuppressWarnings("unchecked")
    public List<Node> children() {
        return content instanceof List<?> list ? (List<Node>) list : List.of();
    }

    public List<Node> children(String childTag) {
        return children().stream().filter(n -> n.tag.equals(childTag)).toList();
    }

    /** The first child with this tag, or null. */
    public Node child(String childTag) {
        for (Node n : children()) {
            if (n.tag.equals(childTag)) {
                return n;
            }
        }
        return null;
    }

    /** The content as bytes (a string content as UTF-8), or null when it is neither. */
    public byte[] contentBytes() {
        if (content instanceof byte[] b) {
            return b;
        }
        return content instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Node other) || !tag.equals(other.tag) || !attrs.equals(other.attrs)) {
            return false;
        }
        if (content instanceof byte[] a && other.content instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return Objects.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        int h = 31 * tag.hashCode() + attrs.hashCode();
        return 31 * h + (content instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(content));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(tag);
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        if (content == null) {
            return sb.append("/>").toString();
        }
        sb.append('>');
        if (content instanceof byte[] b) {
            sb.append("[").append(b.length).append(" bytes]");
        } else if (content instanceof String s) {
            sb.append(s);
        } else {
            children().forEach(sb::append);
        }
        return sb.append("</").append(tag).append('>').toString();
    }
}
