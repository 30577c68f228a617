package io.wagate.webhook;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wagate.net.Cidr;
import io.wagate.net.OwnAddresses;
import io.wagate.net.TargetGuard;
import io.wagate.support.FuzzInvariant;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Webhook URLs and the target guard: taken or refused, and a URL taken for a tenant never names a refused
 * address. Names resolve through a table (a name that is no IP literal resolves to a public address), never DNS.
 */
class WebhookUrlFuzzTest {
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return new InetAddress[] {InetAddress.ofLiteral(host)};
        } catch (IllegalArgumentException notALiteral) {
            if (host.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.ofLiteral("93.184.215.14")};
        }
    }

    private static final TargetGuard GUARD = new TargetGuard(new TargetGuard.Policy(false,
            Cidr.parseAll("93.184.216.0/24"), OwnAddresses.none()), WebhookUrlFuzzTest::resolve);
    private static final WebhookRules RULES = new WebhookRules(GUARD);

    @FuzzTest(maxDuration = "3s")
    void urlsAreTakenOrRefused(FuzzedDataProvider data) throws Exception {
        boolean trusted = data.consumeBoolean();
        boolean asUrl = data.consumeBoolean();
        String raw = data.consumeRemainingAsString();
        FuzzInvariant.holds(() -> {
            if (asUrl) {
                String url = RULES.url("http://" + raw, trusted, "webhookUrl");
                if (!trusted) {
                    // What was taken must pass the guard again, as the connection will ask it.
                    List<InetAddress> addresses = GUARD.check(new URI(url), false);
                    addresses.forEach(a -> {
                        if (TargetGuard.restriction(a) != null) {
                            throw new AssertionError(url + " was taken but reaches " + a);
                        }
                    });
                }
            } else {
                GUARD.addresses(raw, trusted);
            }
        });
    }
}
