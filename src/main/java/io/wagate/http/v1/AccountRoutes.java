package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.wagate.account.AccountUsage;
import io.wagate.http.RouteGroup;

/** The calling key's own account: its plan, this month's usage and its rate limit. */
public final class AccountRoutes implements RouteGroup {
    private final AccountUsage usage;

    public AccountRoutes(AccountUsage usage) {
        this.usage = usage;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/v1/account", ctx -> ctx.json(usage.overview(principal(ctx).accountId())));
    }
}
