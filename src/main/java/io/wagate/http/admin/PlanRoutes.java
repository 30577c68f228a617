package io.wagate.http.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.account.AccountService;
import io.wagate.account.AccountUsage;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.plan.Plan;
import io.wagate.plan.PlanService;

/**
 * The operator's plans under /admin: list, create and change them, put an account on one, and read
 * an account's usage of a month. Behind the admin key like every /admin route.
 */
public final class PlanRoutes implements RouteGroup {
    private final PlanService plans;
    private final AccountService accounts;
    private final AccountUsage usage;
    private final JsonBody body;

    public PlanRoutes(PlanService plans, AccountService accounts, AccountUsage usage, JsonBody body) {
        this.plans = plans;
        this.accounts = accounts;
        this.usage = usage;
        this.body = body;
    }

    /**
     * Every limit must be named, null for unlimited: a limit left out by mistake would otherwise
     * lift it. {@code name} comes from the path on update, so it is only in the create body.
     */
    record CreatePlanBody(String name,
                          @JsonProperty(required = true) Long requestsPerMonth,
                          @JsonProperty(required = true) Integer requestsPerSecond,
                          @JsonProperty(required = true) Integer maxSessions,
                          @JsonProperty(required = true) Boolean overage) {
        Plan toPlan() {
            return new Plan(name, requestsPerMonth, requestsPerSecond, maxSessions, requireOverage(overage));
        }
    }

    record UpdatePlanBody(@JsonProperty(required = true) Long requestsPerMonth,
                          @JsonProperty(required = true) Integer requestsPerSecond,
                          @JsonProperty(required = true) Integer maxSessions,
                          @JsonProperty(required = true) Boolean overage) {
        Plan toPlan(String name) {
            return new Plan(name, requestsPerMonth, requestsPerSecond, maxSessions, requireOverage(overage));
        }
    }

    record SetPlanBody(String plan) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/plans", ctx -> ctx.json(plans.list()));
        routes.post("/admin/plans", ctx -> ctx.status(HttpStatus.CREATED)
                .json(plans.create(body.read(ctx, CreatePlanBody.class).toPlan())));
        routes.get("/admin/plans/{plan}", ctx -> ctx.json(plans.get(ctx.pathParam("plan"))));
        routes.put("/admin/plans/{plan}", ctx -> ctx.json(
                plans.update(body.read(ctx, UpdatePlanBody.class).toPlan(ctx.pathParam("plan")))));
        routes.put("/admin/accounts/{account}/plan", this::setPlan);
        routes.get("/admin/accounts/{account}/usage", ctx -> ctx.json(
                usage.report(ctx.pathParam("account"), ctx.queryParam("month"))));
    }

    private void setPlan(Context ctx) {
        var request = body.read(ctx, SetPlanBody.class);
        var account = accounts.setPlan(ctx.pathParam("account"), request.plan());
        ctx.json(AdminRoutes.AccountView.of(account, null));
    }

    private static boolean requireOverage(Boolean overage) {
        if (overage == null) {
            throw ApiException.badRequest("overage must be true or false");
        }
        return overage;
    }
}
