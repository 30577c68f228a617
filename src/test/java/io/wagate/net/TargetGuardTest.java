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
            "mixed.test", "203.0.113.7",
            "public.test", "203.0.113.8",
            "metadata.google.internal", "203.0.113.9");

    private static InetAddress[] table(String host) throws UnknownHostException {
        if (host.equals("mixed.test")) {
            return new InetAddress[] {InetAddress.ofLiteral("203.0.113.7"), InetAddress.ofLiteral("192.168.1.1")};
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
            "http://METADATA.google.internal./", "http://2130706433/"})
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
                .containsExactly(InetAddress.ofLiteral("203.0.113.8"));
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
}
