package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.engine.ProfileOperations;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.media.MediaIntake;
import io.wagate.profile.ProfileService;
import java.util.Map;

/** The account's own profile and privacy settings, with WAHA's names where WAHA has the route. */
public final class ProfileRoutes implements RouteGroup {
    private static final String SESSION = "/v1/sessions/{session}";
    private static final String PROFILE = SESSION + "/profile";
    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    private final ProfileService profiles;
    private final JsonBody body;
    /** For the picture, which may come as base64. */
    private final JsonBody mediaBody;

    public ProfileRoutes(ProfileService profiles, JsonBody body, JsonBody mediaBody) {
        this.profiles = profiles;
        this.body = body;
        this.mediaBody = mediaBody;
    }

    record NameBody(String name) {}

    record AboutBody(String about) {}

    record PictureBody(MediaIntake.FileInput file) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PROFILE, ctx -> ctx.json(profiles.get(principal(ctx), session(ctx))));
        routes.put(PROFILE + "/name", ctx -> {
            profiles.setName(principal(ctx), session(ctx), body.read(ctx, NameBody.class).name());
            ctx.json(SUCCESS);
        });
        routes.put(PROFILE + "/about", ctx -> {
            profiles.setAbout(principal(ctx), session(ctx), body.read(ctx, AboutBody.class).about());
            ctx.json(SUCCESS);
        });
        routes.put(PROFILE + "/picture", ctx -> {
            try {
                profiles.setPicture(principal(ctx), session(ctx), mediaBody.read(ctx, PictureBody.class).file());
            } finally {
                mediaBody.release(ctx);
            }
            ctx.json(SUCCESS);
        });
        routes.delete(PROFILE + "/picture", ctx -> {
            profiles.removePicture(principal(ctx), session(ctx));
            ctx.json(SUCCESS);
        });
        routes.get(SESSION + "/privacy", ctx -> ctx.json(profiles.privacy(principal(ctx), session(ctx))));
        routes.put(SESSION + "/privacy", ctx -> ctx.json(profiles.setPrivacy(principal(ctx), session(ctx),
                body.read(ctx, ProfileOperations.Privacy.class))));
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
