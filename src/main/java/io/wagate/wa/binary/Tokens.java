package io.wagate.wa.binary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token dictionaries of the binary format (Baileys' WABinary/constants, dictionary version 3), kept in
 * {@code tokens.json} beside this class. A test compares the file with Baileys' lists.
 */
public final class Tokens {
    public static final int LIST_EMPTY = 0;
    public static final int DICTIONARY_0 = 236;
    public static final int DICTIONARY_3 = 239;
    public static final int INTEROP_JID = 245;
    public static final int FB_JID = 246;
    public static final int AD_JID = 247;
    public static final int LIST_8 = 248;
    public static final int LIST_16 = 249;
    public static final int JID_PAIR = 250;
    public static final int HEX_8 = 251;
    public static final int BINARY_8 = 252;
    public static final int BINARY_20 = 253;
    public static final int BINARY_32 = 254;
    public static final int NIBBLE_8 = 255;
    public static final int PACKED_MAX = 127;

    /** Where a string is in the dictionaries: {@code dict} is -1 for a single-byte token. */
    public record Index(int dict, int index) {}

    private static final Tokens STANDARD = load();

    private final List<String> single;
    private final List<List<String>> doubles;
    private final Map<String, Index> byString;

    private Tokens(List<String> single, List<List<String>> doubles) {
        this.single = List.copyOf(single);
        this.doubles = doubles.stream().map(List::copyOf).toList();
        // Same order as Baileys' TOKEN_MAP: a later entry wins, so a double-byte token beats a single-byte one.
        Map<String, Index> map = new HashMap<>();
        for (int i = 0; i < single.size(); i++) {
            map.put(single.get(i), new Index(-1, i));
        }
        for (int d = 0; d < doubles.size(); d++) {
            for (int j = 0; j < doubles.get(d).size(); j++) {
                map.put(doubles.get(d).get(j), new Index(d, j));
            }
        }
        this.byString = Map.copyOf(map);
    }

    public static Tokens standard() {
        return STANDARD;
    }

    public List<String> singleByte() {
        return single;
    }

    public List<List<String>> doubleByte() {
        return doubles;
    }

    /** The token of a string, or null when it is none. */
    public Index indexOf(String s) {
        return byString.get(s);
    }

    /** A single-byte token; "" where the list has a hole, as Baileys reads it. */
    public String single(int tag) {
        String s = tag < single.size() ? single.get(tag) : null;
        return s == null ? "" : s;
    }

    public String doubleByte(int dict, int index) {
        if (dict < 0 || dict >= doubles.size()) {
            throw new io.wagate.wa.WaProtocolException("invalid double token dictionary " + dict);
        }
        List<String> list = doubles.get(dict);
        if (index >= list.size()) {
            throw new io.wagate.wa.WaProtocolException("invalid double token " + index);
        }
        return list.get(index);
    }

    private static Tokens load() {
        try (InputStream in = Tokens.class.getResourceAsStream("tokens.json")) {
            if (in == null) {
                throw new IllegalStateException("tokens.json is missing from the class path");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<String> single = new ArrayList<>();
            root.get("single").forEach(n -> single.add(n.asText()));
            List<List<String>> doubles = new ArrayList<>();
            root.get("double").forEach(dict -> {
                List<String> list = new ArrayList<>();
                dict.forEach(n -> list.add(n.asText()));
                doubles.add(list);
            });
            return new Tokens(single, doubles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
