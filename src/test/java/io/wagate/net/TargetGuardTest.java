package io.wagate.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard only resolves: IP literals without any traffic, names through a fixed table. Nothing here connects,
 * so private addresses can be checked without ever being contacted.
 */
class TargetGuardTest {
    private static final Map<String, String> NAMES = Map.of(
            "intranet.test", "10.1.2.3",
            "mixed.test", "93.184.215.7",
            "public.test", "93.184.215.8",
            "metadata.google.internal", "93.184.215.9");

    private static InetAddress[] table(String host) throws UnknownHostException {
        if (host.equals("mixed.test")) {
            return new InetAddress[] {InetAddress.ofLiteral("93.184.215.7"), InetAddress.ofLiteral("192.168.1.1")};
        }
        try {
            return new InetAddress[] {InetAddress.ofLiteral(host)};
        } catch (IllegalArgumentException notALiteral) {
            // An unknown name must not reach the real resolver from a test.
            String address = NAMES.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.ofLiteral(address)};
        }
    }

    private final TargetGuard strict = new TargetGuard(false, TargetGuardTest::table);
    private final TargetGuard open = new TargetGuard(true, TargetGuardTest::table);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.8.9.10:8080/x", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.0.10/",
            "http://100.64.0.1/", "http://100.127.255.254/", "http://0.0.0.0/", "http://224.0.0.1/",
            "http://255.255.255.255/", "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fc00::1]/",
            "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a00:1]/", "http://[2002:a00:1::]/",
            "https://intranet.test/file.png", "http://mixed.test/", "http://metadata.google.internal/computeMetadata/v1/",
            "http://METADATA.google.internal./", "http://192.0.2.1/", "http://198.51.100.200/", "http://203.0.113.5/",
            "http://[2001:db8::1]/", "http://[::ffff:203.0.113.5]/"})
    void privateTargetsAreRefusedForUntrustedCallers(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url), false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("refused").contains("WAGATE_ALLOW_PRIVATE_TARGETS");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://169.254.169.254/", "http://10.0.0.1/", "http://[::1]/",
            "http://[::ffff:10.0.0.1]/", "https://intranet.test/", "http://metadata.google.internal/"})
    void privateTargetsAreAllowedWhenTheOperatorOrAnAdminSaysSo(String url) {
        assertThat(open.check(URI.create(url), false)).isNotEmpty();
        assertThat(strict.check(URI.create(url), true)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1/", "jar:file:/x!/y",
            "//example.com/x", "data:text/plain,hi", "javascript:alert(1)"})
    void onlyHttpAndHttpsPassWhoeverAsks(String url) {
        for (var guard : new TargetGuard[] {strict, open}) {
            for (boolean trusted : new boolean[] {false, true}) {
                assertThatThrownBy(() -> guard.check(URI.create(url), trusted))
                        .isInstanceOf(ApiException.class).hasMessageContaining("only http and https");
            }
        }
    }

    @Test
    void publicAddressesPass() {
        assertThat(strict.check(URI.create("https://public.test/a.png"), false))
                .containsExactly(InetAddress.ofLiteral("93.184.215.8"));
        assertThat(strict.check(URI.create("http://93.184.216.34/"), false)).hasSize(1);
        assertThat(strict.check(URI.create("http://[2606:4700::1111]/"), false)).hasSize(1);
        // Just outside the private ranges.
        for (String edge : new String[] {"172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
                "169.253.1.1", "11.0.0.1"}) {
            assertThat(strict.check(URI.create("http://" + edge + "/"), false)).as(edge).hasSize(1);
        }
    }

    @Test
    void theMessageSaysWhatTheAddressIs() {
        assertThatThrownBy(() -> strict.check(URI.create("http://169.254.169.254/"), false))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.check(URI.create("http://intranet.test/"), false))
                .hasMessageContaining("10.1.2.3").hasMessageContaining("private");
        assertThatThrownBy(() -> strict.check(URI.create("http://nowhere.test/"), false))
                .hasMessageContaining("cannot be resolved");
        assertThatThrownBy(() -> strict.check(URI.create("http:///path"), false))
                .hasMessageContaining("no host");
    }

    @Test
    void documentationRangesAreNamed() {
        assertThatThrownBy(() -> strict.check(URI.create("http://203.0.113.5/"), false))
                .hasMessageContaining("documentation address");
        assertThatThrownBy(() -> strict.check(URI.create("http://[2001:db8::5]/"), false))
                .hasMessageContaining("documentation address (2001:db8::/32)");
        assertThat(strict.check(URI.create("http://203.0.114.1/"), false)).hasSize(1);
        assertThat(strict.check(URI.create("http://[2001:db9::1]/"), false)).hasSize(1);
    }

    /** The host's own addresses, read through a lister the test controls, on a clock it moves. */
    @Test
    void theHostsOwnAddressesAreRefusedAndReadAgainAfterTheRefreshInterval() {
        var current = new java.util.concurrent.atomic.AtomicReference<java.util.Set<InetAddress>>(
                java.util.Set.of(InetAddress.ofLiteral("93.184.215.50")));
        var now = new java.util.concurrent.atomic.AtomicLong();
        var own = new OwnAddresses(current::get, java.time.Duration.ofSeconds(30), now::get);
        var guard = new TargetGuard(new TargetGuard.Policy(false, java.util.List.of(), own), TargetGuardTest::table);
        assertThatThrownBy(() -> guard.check(URI.create("http://93.184.215.50:8080/"), false))
                .hasMessageContaining("one of this server's own addresses");
        assertThat(guard.check(URI.create("http://93.184.215.50/"), true)).hasSize(1); // an admin may
        current.set(java.util.Set.of(InetAddress.ofLiteral("93.184.215.51")));
        now.addAndGet(java.time.Duration.ofSeconds(29).toNanos());
        assertThat(guard.check(URI.create("http://93.184.215.51/"), false)).hasSize(1); // not read again yet
        now.addAndGet(java.time.Duration.ofSeconds(1).toNanos());
        assertThatThrownBy(() -> guard.check(URI.create("http://93.184.215.51/"), false))
                .hasMessageContaining("own addresses");
        assertThat(guard.check(URI.create("http://93.184.215.50/"), false)).hasSize(1);
    }

    @Test
    void theRealHostsInterfaceAddressesAreAmongThem() throws Exception {
        var own = OwnAddresses.ofHost();
        var addresses = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream()).toList();
        assertThat(addresses).isNotEmpty();
        assertThat(addresses).allMatch(own::contains);
    }

    @Test
    void operatorDeniedRangesAreRefusedToEveryone() {
        var denied = Cidr.parseAll("93.184.215.0/24, 2606:4700::/32,8.8.8.8");
        var guard = new TargetGuard(new TargetGuard.Policy(true, denied, OwnAddresses.none()), TargetGuardTest::table);
        for (String url : new String[] {"http://93.184.215.1/", "https://public.test/", "http://[2606:4700::1111]/",
                "http://8.8.8.8/"}) {
            for (boolean trusted : new boolean[] {false, true}) {
                assertThatThrownBy(() -> guard.check(URI.create(url), trusted)).as(url)
                        .hasMessageContaining("WAGATE_DENY_TARGETS");
            }
        }
        assertThat(guard.check(URI.create("http://93.184.216.1/"), false)).hasSize(1);
        assertThat(guard.check(URI.create("http://8.8.4.4/"), false)).hasSize(1);
        assertThat(guard.check(URI.create("http://127.0.0.1/"), false)).hasSize(1); // private targets are open here
    }

    @Test
    void cidrRangesParseAndMatch() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.ofLiteral("10.255.1.2"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.ofLiteral("11.0.0.0"))).isFalse();
        assertThat(Cidr.parse("172.16.0.0/12").contains(InetAddress.ofLiteral("172.31.0.1"))).isTrue();
        assertThat(Cidr.parse("172.16.0.0/12").contains(InetAddress.ofLiteral("172.32.0.1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.ofLiteral("1.2.3.4"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(InetAddress.ofLiteral("1.2.3.4"))).isFalse();
        assertThat(Cidr.parse("1.2.3.4").toString()).isEqualTo("1.2.3.4/32");
        for (String bad : new String[] {"10.0.0.0/33", "example.com", "10.0.0.0/x", "::/129", ""}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Read as browsers and curl read them, these all mean some other address than they seem: refused. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"0177.0.0.1, 127.0.0.1", "2130706433, 127.0.0.1",
            "0x7f000001, 127.0.0.1", "017700000001, 127.0.0.1", "127.0.0.01, 127.0.0.1", "0x7f.0x0.0x0.0x1, 127.0.0.1",
            "0177.1, 127.0.0.1", "10.1, 10.0.0.1", "0251.0376.0251.0376, 169.254.169.254", "1.2.3, 1.2.0.3",
            "0x5d.0xb8.0xd7.0x08, 93.184.215.8"})
    void nonStandardIpv4FormsAreRefusedWhoeverAsks(String host, String meant) {
        for (var guard : new TargetGuard[] {strict, open}) {
            for (boolean trusted : new boolean[] {false, true}) {
                assertThatThrownBy(() -> guard.addresses(host, trusted)).as(host)
                        .hasMessageContaining("non-standard form").hasMessageContaining(meant);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"08.0.0.1", "1.2.3.4.0x", "256.1.1.1.", "4294967296", "1.2.3.256", "0x100.1.1.1"})
    void numericHostsThatAreNoAddressAreRefused(String host) {
        assertThatThrownBy(() -> strict.addresses(host, true)).as(host).hasMessageContaining("non-standard form");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.8", "0.example.com", "1.2.3.4.example", "a0x1", "::ffff:93.184.215.8"})
    void plainAddressesAndNamesAreNotMistakenForThem(String host) {
        try {
            assertThat(open.addresses(host, false)).isNotEmpty();
        } catch (ApiException e) {
            assertThat(e.getMessage()).as(host).contains("cannot be resolved");
        }
    }
}
