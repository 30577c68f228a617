package io.wagate.http.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.account.Account;
import io.wagate.account.AccountService;
import io.wagate.account.ApiKeyInfo;
import io.wagate.account.IssuedKey;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import java.time.Instant;

/** The operator's API under /admin: accounts and their keys. Every route needs the admin key. */
public final class AdminRoutes implements RouteGroup {
    private final AccountService accounts;
    private final JsonBody body;

    public AdminRoutes(AccountService accounts, JsonBody body) {
        this.accounts = accounts;
        this.body = body;
    }

    record CreateAccountBody(String name, String plan) {}

    record CreateKeyBody(String label) {}

    record AccountView(String id, String name, String plan, boolean admin, Instant createdAt, String apiKey) {
        static AccountView of(Account account, String apiKey) {
            return new AccountView(account.id(), account.name(), account.plan(), account.admin(), account.createdAt(),
                    apiKey);
        }
    }

    record KeyView(String id, String prefix, String label, Instant createdAt, Instant revokedAt, String key) {
        static KeyView of(ApiKeyInfo info, String secret) {
            return new KeyView(info.id(), info.prefix(), info.label(), info.createdAt(), info.revokedAt().orElse(null),
                    secret);
        }

        static KeyView of(IssuedKey issued) {
            return of(issued.info(), issued.secret());
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/accounts", ctx -> ctx.json(accounts.listAccounts().stream()
                .map(a -> AccountView.of(a, null)).toList()));
        routes.post("/admin/accounts", this::createAccount);
        routes.get("/admin/accounts/{account}", ctx -> ctx.json(AccountView.of(accounts.getAccount(account(ctx)), null)));
        routes.get("/admin/accounts/{account}/keys", ctx -> ctx.json(accounts.listAccountKeys(account(ctx)).stream()
                .map(k -> KeyView.of(k, null)).toList()));
        routes.post("/admin/accounts/{account}/keys", this::createKey);
        routes.delete("/admin/accounts/{account}/keys/{key}", ctx -> {
            accounts.revokeAccountKey(account(ctx), ctx.pathParam("key"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private void createAccount(Context ctx) {
        var request = body.read(ctx, CreateAccountBody.class);
        var created = accounts.createAccount(request.name(), request.plan());
        ctx.status(HttpStatus.CREATED).json(AccountView.of(created.account(), created.key().secret()));
    }

    private void createKey(Context ctx) {
        var request = body.readOptional(ctx, CreateKeyBody.class).orElse(new CreateKeyBody(null));
        var issued = accounts.issueAccountKey(account(ctx), request.label() == null ? "account key" : request.label());
        ctx.status(HttpStatus.CREATED).json(KeyView.of(issued));
    }

    private static String account(Context ctx) {
        return ctx.pathParam("account");
    }
}
