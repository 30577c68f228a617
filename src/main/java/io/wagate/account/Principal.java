package io.wagate.account;

import java.util.Optional;

/**
 * Who a request acts for, resolved from its API key. A session key is bound to exactly one
 * session ({@code sessionId}); an account key reaches all of the account's sessions. {@code plan}
 * is the account's plan as it is now, so a plan change applies from the next request.
 */
public record Principal(String accountId, boolean admin, Optional<String> sessionId, String plan) {
    public boolean isSessionKey() {
        return sessionId.isPresent();
    }
}
