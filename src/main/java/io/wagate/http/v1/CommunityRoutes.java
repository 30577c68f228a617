package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.community.CommunityService;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.ids.ChatId;
import java.util.List;

/** Communities of a session: create, list, link and unlink groups. Thin: parse, call the service, answer. */
public final class CommunityRoutes implements RouteGroup {
    private static final String COMMUNITIES = "/v1/sessions/{session}/communities";
    private static final String COMMUNITY = COMMUNITIES + "/{id}";

    private final CommunityService communities;
    private final JsonBody body;

    public CommunityRoutes(CommunityService communities, JsonBody body) {
        this.communities = communities;
        this.body = body;
    }

    record CreateBody(String name, String description) {}

    record GroupsBody(List<String> groups) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(COMMUNITIES, ctx -> ctx.json(communities.list(principal(ctx), session(ctx))));
        routes.post(COMMUNITIES, ctx -> {
            var request = body.read(ctx, CreateBody.class);
            ctx.status(HttpStatus.CREATED).json(communities.create(principal(ctx), session(ctx), request.name(),
                    request.description()));
        });
        routes.get(COMMUNITY, ctx -> ctx.json(communities.get(principal(ctx), session(ctx), id(ctx))));
        routes.get(COMMUNITY + "/groups", ctx -> ctx.json(communities.groups(principal(ctx), session(ctx), id(ctx))));
        // The body is read before the id is parsed, so a bad body is what a client hears first.
        routes.post(COMMUNITY + "/groups/link", ctx -> {
            var groups = body.read(ctx, GroupsBody.class).groups();
            ctx.json(communities.link(principal(ctx), session(ctx), id(ctx), groups));
        });
        routes.post(COMMUNITY + "/groups/unlink", ctx -> {
            var groups = body.read(ctx, GroupsBody.class).groups();
            ctx.json(communities.unlink(principal(ctx), session(ctx), id(ctx), groups));
        });
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }

    private static ChatId id(Context ctx) {
        return ChatId.group(ctx.pathParam("id"), "id");
    }
}
