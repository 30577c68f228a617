package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;
import static io.wagate.http.Query.intParam;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.engine.GroupOperations.ParticipantAction;
import io.wagate.engine.GroupOperations.Setting;
import io.wagate.error.ApiException;
import io.wagate.group.GroupService;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.ids.ChatId;
import io.wagate.media.MediaIntake;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Groups of a session (WAHA's paths). Thin: parse, call the group service, answer. */
public final class GroupRoutes implements RouteGroup {
    private static final String GROUPS = "/v1/sessions/{session}/groups";
    private static final String GROUP = GROUPS + "/{id}";
    private static final int DEFAULT_PAGE = 100;
    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    private final GroupService groups;
    private final JsonBody body;
    /** For pictures, which may come as base64. */
    private final JsonBody mediaBody;

    public GroupRoutes(GroupService groups, JsonBody body, JsonBody mediaBody) {
        this.groups = groups;
        this.body = body;
        this.mediaBody = mediaBody;
    }

    record ParticipantRef(String id) {}

    record CreateBody(String name, List<ParticipantRef> participants, String description) {}

    record ParticipantsBody(List<ParticipantRef> participants) {}

    record JoinBody(String code) {}

    record SubjectBody(String subject) {}

    record DescriptionBody(String description) {}

    record AdminsOnlyBody(Boolean adminsOnly) {}

    record PictureBody(MediaIntake.FileInput file) {}

    record PictureData(String mimetype, String data) {}

    @Override
    public void register(RoutesConfig routes) {
        // The fixed segments first, so that "count", "join" and "refresh" are never taken for a group id.
        routes.get(GROUPS + "/count", ctx -> ctx.json(groups.count(principal(ctx), session(ctx))));
        routes.post(GROUPS + "/join", ctx -> ctx.json(groups.join(principal(ctx), session(ctx),
                body.read(ctx, JoinBody.class).code())));
        routes.post(GROUPS + "/refresh", ctx -> {
            groups.refresh(principal(ctx), session(ctx));
            ctx.json(SUCCESS);
        });
        routes.get(GROUPS, this::list);
        routes.post(GROUPS, this::create);
        routes.get(GROUP, ctx -> ctx.json(groups.get(principal(ctx), session(ctx), id(ctx))));
        routes.delete(GROUP, ctx -> {
            groups.delete(principal(ctx), session(ctx), id(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.post(GROUP + "/leave", ctx -> {
            groups.leave(principal(ctx), session(ctx), id(ctx));
            ctx.json(SUCCESS);
        });
        // Where there is a body it is read before the id is parsed, so a bad body is what a client hears first.
        routes.put(GROUP + "/subject", ctx -> {
            String subject = body.read(ctx, SubjectBody.class).subject();
            ctx.json(groups.setSubject(principal(ctx), session(ctx), id(ctx), subject));
        });
        routes.put(GROUP + "/description", ctx -> {
            String description = body.read(ctx, DescriptionBody.class).description();
            ctx.json(groups.setDescription(principal(ctx), session(ctx), id(ctx), description));
        });
        setting(routes, "info-admin-only", Setting.INFO_ADMIN_ONLY);
        setting(routes, "messages-admin-only", Setting.MESSAGES_ADMIN_ONLY);
        routes.get(GROUP + "/participants", ctx -> ctx.json(groups.participants(principal(ctx), session(ctx),
                id(ctx))));
        participants(routes, "/participants/add", ParticipantAction.ADD);
        participants(routes, "/participants/remove", ParticipantAction.REMOVE);
        participants(routes, "/admin/promote", ParticipantAction.PROMOTE);
        participants(routes, "/admin/demote", ParticipantAction.DEMOTE);
        routes.get(GROUP + "/invite-code", ctx -> ctx.json(groups.inviteCode(principal(ctx), session(ctx), id(ctx))));
        routes.post(GROUP + "/invite-code/revoke", ctx -> ctx.json(groups.revokeInvite(principal(ctx), session(ctx),
                id(ctx))));
        routes.get(GROUP + "/picture", this::picture);
        routes.put(GROUP + "/picture", ctx -> {
            try {
                var file = mediaBody.read(ctx, PictureBody.class).file();
                groups.setPicture(principal(ctx), session(ctx), id(ctx), file);
            } finally {
                mediaBody.release(ctx);
            }
            ctx.json(SUCCESS);
        });
        routes.delete(GROUP + "/picture", ctx -> {
            groups.removePicture(principal(ctx), session(ctx), id(ctx));
            ctx.json(SUCCESS);
        });
    }

    /** {@code format=base64} (default): {@code {mimetype, data}}; {@code binary}: the JPEG itself. */
    private void picture(Context ctx) {
        String format = ctx.queryParam("format") == null ? "base64" : ctx.queryParam("format");
        if (!format.equals("base64") && !format.equals("binary")) {
            throw ApiException.badRequest("format must be base64 or binary");
        }
        byte[] jpeg = groups.picture(principal(ctx), session(ctx), id(ctx));
        if (format.equals("binary")) {
            ctx.contentType("image/jpeg").result(jpeg);
        } else {
            ctx.json(new PictureData("image/jpeg", Base64.getEncoder().encodeToString(jpeg)));
        }
    }

    private void list(Context ctx) {
        var page = new GroupService.Page(intParam(ctx, "limit", DEFAULT_PAGE), intParam(ctx, "offset", 0),
                ctx.queryParam("sortBy"), ctx.queryParam("sortOrder"));
        ctx.json(groups.list(principal(ctx), session(ctx), page));
    }

    private void create(Context ctx) {
        var request = body.read(ctx, CreateBody.class);
        ctx.status(HttpStatus.CREATED).json(groups.create(principal(ctx), session(ctx), request.name(),
                ids(request.participants()), request.description()));
    }

    private void setting(RoutesConfig routes, String name, Setting setting) {
        String path = GROUP + "/settings/security/" + name;
        routes.get(path, ctx -> ctx.json(groups.setting(principal(ctx), session(ctx), id(ctx), setting)));
        routes.put(path, ctx -> {
            Boolean adminsOnly = body.read(ctx, AdminsOnlyBody.class).adminsOnly();
            ctx.json(groups.setSetting(principal(ctx), session(ctx), id(ctx), setting, adminsOnly));
        });
    }

    private void participants(RoutesConfig routes, String suffix, ParticipantAction action) {
        routes.post(GROUP + suffix, ctx -> {
            var participants = ids(body.read(ctx, ParticipantsBody.class).participants());
            ctx.json(groups.updateParticipants(principal(ctx), session(ctx), id(ctx), action, participants));
        });
    }

    /** The ids of {@code [{id}]}; null stays null (the service says it is required), a null entry a null id. */
    private static List<String> ids(List<ParticipantRef> participants) {
        return participants == null ? null
                : participants.stream().map(p -> p == null ? null : p.id()).toList();
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }

    private static ChatId id(Context ctx) {
        return ChatId.group(ctx.pathParam("id"), "id");
    }
}
