package io.wagate.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An address range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a range of one. */
public record Cidr(InetAddress network, int prefix) {
    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("a prefix of /" + prefix + " does not fit " + network.getHostAddress());
        }
    }

    /**
     * Parses {@code a.b.c.d/n}, {@code x:y::/n} or a bare address (IP literals only: no names, no DNS).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network;
        try {
            network = InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR range");
        }
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(network, bits);
        }
        try {
            return new Cidr(network, Integer.parseInt(trimmed.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "' has no valid prefix length after '/'");
        }
    }

    /** A comma-separated list, as in {@code WAGATE_DENY_TARGETS}; blank entries are skipped. */
    public static List<Cidr> parseAll(String text) {
        var ranges = new ArrayList<Cidr>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ranges.add(parse(part));
            }
        }
        return List.copyOf(ranges);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefix / 8;
        if (!Arrays.equals(a, 0, full, n, 0, full)) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
