package io.wagate.waha;

import static io.wagate.http.Auth.principal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.engine.GroupOperations.ParticipantAction;
import io.wagate.engine.GroupOperations.Setting;
import io.wagate.group.Group;
import io.wagate.group.GroupService;
import io.wagate.http.JsonBody;
import io.wagate.http.Query;
import io.wagate.http.RouteGroup;
import io.wagate.ids.ChatId;
import io.wagate.media.MediaIntake;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * WAHA's Groups operations on the shared group service. A group is answered in wagate's group shape (WAHA
 * documents none); the list is an object keyed by group id, as WAHA's schema has it ({@code type: object}), in
 * the page's order. {@code exclude} has no effect.
 */
public final class WahaGroups implements RouteGroup {
    private static final String GROUPS = WahaDoor.PATH + "/{session}/groups";
    private static final String GROUP = GROUPS + "/{id}";
    private static final int DEFAULT_PAGE = 100;

    private final GroupService groups;
    private final JsonBody body;
    private final JsonBody mediaBody;

    public WahaGroups(GroupService groups, JsonBody body, JsonBody mediaBody) {
        this.groups = groups;
        this.body = body;
        this.mediaBody = mediaBody;
    }

    record Participant(String id) {}

    record CreateRequest(String name, List<Participant> participants) {}

    record ParticipantsRequest(List<Participant> participants) {}

    record JoinRequest(String code) {}

    record JoinResponse(ChatId id) {}

    record SubjectRequest(String subject) {}

    record DescriptionRequest(String description) {}

    record AdminsOnly(Boolean adminsOnly) {}

    record PictureRequest(MediaIntake.FileInput file) {}

    /** The picture as a {@code data:} URL: wagate keeps no picture URL of WhatsApp's. */
    record Picture(String url) {}

    /** WAHA's GroupParticipant: {@code pn} where the id is a phone number's; {@code left} never appears. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ParticipantV2(ChatId id, ChatId pn, String role) {
        static ParticipantV2 of(Group.Participant p) {
            return new ParticipantV2(p.id(), p.id().value().endsWith("@c.us") ? p.id() : null, p.role());
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(GROUPS + "/count", ctx -> ctx.json(groups.count(principal(ctx), session(ctx))));
        routes.post(GROUPS + "/join", ctx -> {
            var group = groups.join(principal(ctx), session(ctx), body.read(ctx, JoinRequest.class).code());
            ctx.json(new JoinResponse(group.id()));
        });
        routes.post(GROUPS + "/refresh", ctx -> {
            groups.refresh(principal(ctx), session(ctx));
            ctx.json(WahaMessage.success());
        });
        routes.get(GROUPS, this::list);
        routes.post(GROUPS, ctx -> {
            var request = body.read(ctx, CreateRequest.class);
            ctx.status(HttpStatus.CREATED).json(groups.create(principal(ctx), session(ctx), request.name(),
                    ids(request.participants()), null));
        });
        routes.get(GROUP, ctx -> ctx.json(groups.get(principal(ctx), session(ctx), id(ctx))));
        routes.delete(GROUP, ctx -> {
            groups.delete(principal(ctx), session(ctx), id(ctx));
            ctx.json(WahaMessage.success());
        });
        routes.post(GROUP + "/leave", ctx -> {
            groups.leave(principal(ctx), session(ctx), id(ctx));
            ctx.json(WahaMessage.success());
        });
        routes.put(GROUP + "/subject", ctx -> {
            String subject = body.read(ctx, SubjectRequest.class).subject();
            ctx.json(groups.setSubject(principal(ctx), session(ctx), id(ctx), subject));
        });
        routes.put(GROUP + "/description", ctx -> {
            String description = body.read(ctx, DescriptionRequest.class).description();
            ctx.json(groups.setDescription(principal(ctx), session(ctx), id(ctx), description));
        });
        setting(routes, "info-admin-only", Setting.INFO_ADMIN_ONLY);
        setting(routes, "messages-admin-only", Setting.MESSAGES_ADMIN_ONLY);
        routes.get(GROUP + "/participants", ctx -> ctx.json(groups.participants(principal(ctx), session(ctx), id(ctx))));
        routes.get(GROUP + "/participants/v2", ctx -> ctx.json(groups.participants(principal(ctx), session(ctx),
                id(ctx)).stream().map(ParticipantV2::of).toList()));
        participants(routes, "/participants/add", ParticipantAction.ADD);
        participants(routes, "/participants/remove", ParticipantAction.REMOVE);
        participants(routes, "/admin/promote", ParticipantAction.PROMOTE);
        participants(routes, "/admin/demote", ParticipantAction.DEMOTE);
        // WAHA answers the invite link as a JSON string.
        routes.get(GROUP + "/invite-code", ctx -> jsonString(ctx, groups.inviteCode(principal(ctx), session(ctx),
                id(ctx)).link()));
        routes.post(GROUP + "/invite-code/revoke", ctx -> jsonString(ctx, groups.revokeInvite(principal(ctx),
                session(ctx), id(ctx)).link()));
        routes.get(GROUP + "/picture", ctx -> ctx.json(new Picture("data:image/jpeg;base64,"
                + Base64.getEncoder().encodeToString(groups.picture(principal(ctx), session(ctx), id(ctx))))));
        routes.put(GROUP + "/picture", ctx -> {
            try {
                var file = mediaBody.read(ctx, PictureRequest.class).file();
                groups.setPicture(principal(ctx), session(ctx), id(ctx), file);
            } finally {
                mediaBody.release(ctx);
            }
            ctx.json(WahaMessage.success());
        });
        routes.delete(GROUP + "/picture", ctx -> {
            groups.removePicture(principal(ctx), session(ctx), id(ctx));
            ctx.json(WahaMessage.success());
        });
    }

    private void list(Context ctx) {
        var page = groups.list(principal(ctx), session(ctx), new GroupService.Page(
                Query.intParam(ctx, "limit", DEFAULT_PAGE), Query.intParam(ctx, "offset", 0),
                ctx.queryParam("sortBy"), ctx.queryParam("sortOrder")));
        var byId = new LinkedHashMap<String, Group>();
        page.forEach(g -> byId.put(g.id().value(), g));
        ctx.json(byId);
    }

    private void setting(RoutesConfig routes, String name, Setting setting) {
        String path = GROUP + "/settings/security/" + name;
        routes.get(path, ctx -> ctx.json(groups.setting(principal(ctx), session(ctx), id(ctx), setting)));
        routes.put(path, ctx -> {
            Boolean adminsOnly = body.read(ctx, AdminsOnly.class).adminsOnly();
            ctx.json(groups.setSetting(principal(ctx), session(ctx), id(ctx), setting, adminsOnly));
        });
    }

    private void participants(RoutesConfig routes, String suffix, ParticipantAction action) {
        routes.post(GROUP + suffix, ctx -> {
            var participants = ids(body.read(ctx, ParticipantsRequest.class).participants());
            ctx.json(groups.updateParticipants(principal(ctx), session(ctx), id(ctx), action, participants));
        });
    }

    /** A bare JSON string (Javalin writes a String as it is). */
    private static void jsonString(Context ctx, String value) {
        ctx.contentType("application/json").result("\"" + new String(JsonStringEncoder.getInstance()
                .quoteAsString(value)) + "\"");
    }

    private static List<String> ids(List<Participant> participants) {
        return participants == null ? null : participants.stream().map(p -> p == null ? null : p.id()).toList();
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }

    private static ChatId id(Context ctx) {
        return ChatId.group(ctx.pathParam("id"), "id");
    }
}
