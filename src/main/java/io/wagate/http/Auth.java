package io.wagate.http;

import io.javalin.http.Context;
import io.wagate.account.AccountService;
import io.wagate.account.ApiKeys;
import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import java.util.Optional;

/**
 * Finds the API key of a request (X-API-Key, x-rapidapi-key, or Authorization: Bearer) and the
 * principal behind it. Keys are never logged.
 */
public final class Auth {
    private static final String PRINCIPAL = "wagate.principal";
    private static final String KEY_HASH = "wagate.key-hash";

    private final AccountService accounts;

    public Auth(AccountService accounts) {
        this.accounts = accounts;
    }

    public static Optional<String> presentedKey(Context ctx) {
        for (String header : new String[] {"X-API-Key", "x-rapidapi-key"}) {
            String value = ctx.header(header);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim()).filter(k -> !k.isEmpty());
        }
        return Optional.empty();
    }

    /** Before-handler: every matched route of an authenticated surface needs a live key. */
    public Principal requireKey(Context ctx) {
        return requireKey(ctx, "missing API key: send it in the X-API-Key header (or x-rapidapi-key, or Authorization: Bearer)",
                "invalid or revoked API key");
    }

    /**
     * {@link #requireKey}, also taking the key from {@code fallback} (a browser's WebSocket cannot set
     * headers: its subprotocol or the query parameter {@code name}). A header wins over the fallback.
     */
    public void requireKeyOr(Context ctx, Optional<String> fallback, String name) {
        var key = presentedKey(ctx).or(() -> fallback.map(String::trim).filter(k -> !k.isEmpty()));
        authenticate(ctx, key, "missing API key: send it in the X-API-Key header (or x-rapidapi-key, or "
                + "Authorization: Bearer, or the " + name + " query parameter)", "invalid or revoked API key");
        // What the request opens may outlive it (a stream): it is closed when this key is revoked.
        ctx.attribute(KEY_HASH, ApiKeys.hash(key.orElseThrow()));
    }

    /** The hash of the key {@link #requireKeyOr} accepted ({@link AccountService#isLive} takes it). */
    public static String keyHash(Context ctx) {
        String hash = ctx.attribute(KEY_HASH);
        if (hash == null) {
            throw new IllegalStateException("route " + ctx.path() + " did not check its key with requireKeyOr");
        }
        return hash;
    }

    /** {@link #requireKey(Context)} with the surface's own words for a missing and for an unknown key. */
    public Principal requireKey(Context ctx, String missing, String invalid) {
        return authenticate(ctx, presentedKey(ctx), missing, invalid);
    }

    private Principal authenticate(Context ctx, Optional<String> key, String missing, String invalid) {
        var presented = key.orElseThrow(() -> ApiException.unauthorized(missing));
        var principal = accounts.authenticate(presented).orElseThrow(() -> ApiException.unauthorized(invalid));
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    /** Before-handler for /admin: a key, and the admin's. */
    public void requireAdmin(Context ctx) {
        requireKey(ctx);
        if (!principal(ctx).admin()) {
            throw ApiException.forbidden("this route needs the admin key");
        }
    }

    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route " + ctx.path() + " is not behind an auth before-handler");
        }
        return principal;
    }
}
