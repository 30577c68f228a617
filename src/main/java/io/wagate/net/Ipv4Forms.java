package io.wagate.net;

import java.util.Optional;

/**
 * IPv4 addresses written the old inet_aton way, which browsers (the WHATWG URL standard) and curl still read:
 * {@code 0177.0.0.1} (octal) is 127.0.0.1, {@code 0x7f.1} (hex, short) too, {@code 2130706433} as well. Java reads
 * some of them differently ({@code 0177.0.0.1} as 177.0.0.1) and others not at all, so a guard that asked Java
 * would check one address while a curl-minded reader of the same URL reaches another. Such forms are refused.
 */
final class Ipv4Forms {
    private Ipv4Forms() {}

    /**
     * The address a browser reads in {@code host} when that is an IPv4 address in any form other than plain
     * dotted decimal ({@code a.b.c.d}, no leading zeros); empty for plain addresses and host names.
     */
    static Optional<String> nonStandard(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = text.split("\\.", -1);
        if (!numeric(parts[parts.length - 1])) {
            return Optional.empty(); // a host name
        }
        if (parts.length > 4) {
            return Optional.of("no valid address");
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = parse(parts[i]);
            if (value == null) {
                // Ends in a number but is no address: browsers refuse such a host; so does the guard.
                return Optional.of("no valid address");
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.of("no valid address");
            }
            address = address << 8 | values[i];
        }
        long last = values[values.length - 1];
        int lastBytes = 5 - values.length;
        if (last >= 1L << (8 * lastBytes)) {
            return Optional.of("no valid address");
        }
        address = address << (8 * lastBytes) | last;
        String dotted = (address >> 24 & 0xff) + "." + (address >> 16 & 0xff) + "." + (address >> 8 & 0xff) + "."
                + (address & 0xff);
        return dotted.equals(text) ? Optional.empty() : Optional.of(dotted);
    }

    /** A label that a browser takes for a number: decimal digits, or 0x and hex digits. */
    private static boolean numeric(String part) {
        if (part.isEmpty()) {
            return false;
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Long parse(String part) {
        if (!numeric(part)) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return 0L; // "0x" alone is 0 to a browser
        }
        if (digits.length() > 12) {
            return null; // far beyond 32 bits
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return null; // 08: not octal
        }
    }
}
