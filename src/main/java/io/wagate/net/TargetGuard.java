package io.wagate.net;

import io.wagate.error.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether wagate may open a connection to a URL a client gave it (file.url downloads, webhook targets,
 * link previews): a client must not use the server to reach the machine itself, its private network or the
 * cloud metadata service (SSRF). Only http(s) URLs pass; a host whose addresses include a loopback, private,
 * link-local, unspecified, multicast, CGNAT, documentation or otherwise reserved address, or one of the host's
 * own interface addresses, is refused, unless the operator allows private targets for everyone or the caller is
 * trusted (an admin). Ranges the operator denies are refused to everyone; IPv4 addresses in the octal, hex or
 * short forms that browsers read differently from Java are refused too.
 *
 * <p>Checking a URL once is not enough: DNS may answer differently when the connection is made (rebinding).
 * {@link GuardedHttpClient} therefore calls {@link #addresses} again as the resolver of every new connection,
 * and connects only to the addresses that check returned.
 */
public final class TargetGuard {
    /** Names of cloud metadata services that need no private-address DNS answer to be dangerous. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog",
            "metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.com");

    /** Resolves a host name; a seam so tests can give any name any address without DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * What the operator decided: whether private targets are open to every caller, the ranges refused to every
     * caller, admins too ({@code WAGATE_DENY_TARGETS}), and the host's own addresses to refuse.
     */
    public record Policy(boolean allowPrivateTargets, List<Cidr> denied, OwnAddresses own) {
        public Policy {
            denied = List.copyOf(denied);
        }

        public static Policy of(boolean allowPrivateTargets) {
            return new Policy(allowPrivateTargets, List.of(), OwnAddresses.ofHost());
        }
    }

    private final Policy policy;
    private final Resolver resolver;

    public TargetGuard(boolean allowPrivateTargets) {
        this(Policy.of(allowPrivateTargets), InetAddress::getAllByName);
    }

    public TargetGuard(boolean allowPrivateTargets, Resolver resolver) {
        this(Policy.of(allowPrivateTargets), resolver);
    }

    public TargetGuard(Policy policy) {
        this(policy, InetAddress::getAllByName);
    }

    public TargetGuard(Policy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * Checks the scheme and the host of {@code uri} and returns the addresses a connection may use.
     * IP literals are checked without any network traffic.
     *
     * @throws ApiException 400 saying why the URL is refused
     */
    public List<InetAddress> check(URI uri, boolean trusted) {
        checkSchemeAndHost(uri);
        return addresses(uri.getHost(), trusted);
    }

    /**
     * {@link #check} for a URL that is stored now and used later (a webhook): a host name that does not resolve
     * yet passes, since the check runs again on every connection; any address it resolves to must be allowed.
     *
     * @throws ApiException 400 saying why the URL is refused
     */
    public void checkStored(URI uri, boolean trusted) {
        checkSchemeAndHost(uri);
        addresses(uri.getHost(), trusted, true);
    }

    private static void checkSchemeAndHost(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.badRequest("only http and https URLs are allowed, got "
                    + (scheme.isEmpty() ? "a URL without a scheme" : "'" + scheme + ":'"));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw ApiException.badRequest("the URL has no host name");
        }
    }

    /** Resolves {@code host} (a name, an IPv4 literal or an IPv6 literal with or without brackets) and checks it. */
    public List<InetAddress> addresses(String host, boolean trusted) {
        return addresses(host, trusted, false);
    }

    /** With {@code mayBeUnresolved}, a name that does not resolve passes with no addresses. */
    private List<InetAddress> addresses(String host, boolean trusted, boolean mayBeUnresolved) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String name = bare.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        boolean open = policy.allowPrivateTargets() || trusted;
        if (!open && METADATA_HOSTS.contains(name)) {
            throw refused(host, "is a cloud metadata service");
        }
        var legacy = name.contains(":") ? java.util.Optional.<String>empty() : Ipv4Forms.nonStandard(name);
        if (legacy.isPresent()) {
            // Whoever asks: the point is that the address meant is ambiguous, not that it is private.
            throw ApiException.badRequest("the host " + host + " is an IPv4 address in a non-standard form (octal, "
                    + "hexadecimal or shortened; browsers and curl read " + legacy.get() + "); write it as a.b.c.d");
        }
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            resolved = new InetAddress[0];
        }
        if (resolved.length == 0) {
            if (mayBeUnresolved) {
                return List.of();
            }
            throw ApiException.badRequest("the host name '" + host + "' cannot be resolved");
        }
        for (InetAddress address : resolved) {
            for (Cidr range : policy.denied()) {
                if (range.contains(address)) {
                    throw ApiException.badRequest("the host " + host + " has the address " + address.getHostAddress()
                            + ", in " + range + ", which this server refuses as a target (WAGATE_DENY_TARGETS)");
                }
            }
            if (open) {
                continue;
            }
            String why = restriction(address);
            if (why == null && policy.own().contains(address)) {
                why = "one of this server's own addresses";
            }
            if (why != null) {
                throw refused(host, "has the address " + address.getHostAddress() + ", " + why);
            }
        }
        return List.of(resolved);
    }

    private static ApiException refused(String host, String reason) {
        return ApiException.badRequest("the host " + host + " " + reason + "; such targets are refused "
                + "(an admin key, or WAGATE_ALLOW_PRIVATE_TARGETS=true on the server, allows them)");
    }

    /** Why wagate must not connect to {@code address} for a client, or {@code null} when it may. */
    public static String restriction(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            String why = restriction6(v6);
            if (why != null) {
                return why;
            }
            byte[] embedded = embeddedIpv4(v6.getAddress());
            return embedded == null ? null : restriction4(embedded);
        }
        return restriction4(address.getAddress());
    }

    private static String restriction4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 0) {
            return "an unspecified address (0.0.0.0/8)";
        }
        if (b0 == 127) {
            return "a loopback address";
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return "a private address";
        }
        if (b0 == 169 && b1 == 254) {
            return "a link-local address (this range holds the cloud metadata service)";
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return "a carrier-grade NAT address (100.64.0.0/10)";
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return "an IETF protocol address (192.0.0.0/24)";
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return "a benchmarking address (198.18.0.0/15)";
        }
        if ((b0 == 192 && b1 == 0 && b2 == 2) || (b0 == 198 && b1 == 51 && b2 == 100)
                || (b0 == 203 && b1 == 0 && b2 == 113)) {
            // Never routed on the internet, so only ever something local when they answer.
            return "a documentation address (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24)";
        }
        if (b0 >= 224 && b0 <= 239) {
            return "a multicast address";
        }
        if (b0 >= 240) {
            return "a reserved or broadcast address (240.0.0.0/4)";
        }
        return null;
    }

    private static String restriction6(Inet6Address address) {
        byte[] a = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return "an unspecified address (::)";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if ((a[0] & 0xfe) == 0xfc) {
            return "a private address (fc00::/7)";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address (fe80::/10)";
        }
        if (address.isSiteLocalAddress()) {
            return "a site-local address (fec0::/10)";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
            return "a documentation address (2001:db8::/32)";
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv6 one that carries it: IPv4-mapped ::ffff:a.b.c.d (the JDK usually turns
     * these into Inet4Address already), IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d and 6to4 2002:AABB:CCDD::.
     */
    private static byte[] embeddedIpv4(byte[] a) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= a[i] == 0;
        }
        boolean mapped = zeroPrefix && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && a[10] == 0 && a[11] == 0;
        boolean nat64 = (a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff
                && (a[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return new byte[] {a[12], a[13], a[14], a[15]};
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return new byte[] {a[2], a[3], a[4], a[5]};
        }
        return null;
    }
}
