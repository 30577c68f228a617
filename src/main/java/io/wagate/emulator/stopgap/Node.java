package io.wagate.emulator.stopgap;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A binary XMPP-like node: tag, attributes, and content (null, bytes, or child nodes). */
public record Node(String tag, Map<String, String> attrs, Object content) {
    public Node {
        attrs = attrs == null ? Map.of() : attrs;
    }

    public static Node of(String tag, Map<String, String> attrs) {
        return new Node(tag, attrs, null);
    }

    public static Node of(String tag, Map<String, String> attrs, List<Node> children) {
        return new Node(tag, attrs, children);
    }

    public static Node of(String tag, Map<String, String> attrs, byte[] bytes) {
        return new Node(tag, attrs, bytes);
    }

    public static Map<String, String> attrs(String... keyValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }

    public String attr(String name) {
        return attrs.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Node> children() {
        return content instanceof List<?> list ? (List<Node>) list : List.of();
    }

    public Optional<Node> child(String childTag) {
        return children().stream().filter(n -> n.tag.equals(childTag)).findFirst();
    }

    public List<Node> children(String childTag) {
        return children().stream().filter(n -> n.tag.equals(childTag)).toList();
    }

    public byte[] bytes() {
        if (content instanceof byte[] b) {
            return b;
        }
        if (content instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("<").append(tag);
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        if (content == null) {
            return sb.append("/>").toString();
        }
        sb.append('>');
        if (content instanceof List<?> list) {
            list.forEach(sb::append);
        } else if (content instanceof byte[] b) {
            sb.append("[").append(b.length).append(" bytes]");
        } else {
            sb.append(content);
        }
        return sb.append("</").append(tag).append('>').toString();
    }
}
