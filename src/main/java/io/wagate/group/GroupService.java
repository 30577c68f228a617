package io.wagate.group;

import io.wagate.account.Principal;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.GroupOperations;
import io.wagate.engine.GroupOperations.ParticipantAction;
import io.wagate.engine.GroupOperations.Setting;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.ids.ChatId;
import io.wagate.media.MediaConverter;
import io.wagate.media.MediaIntake;
import io.wagate.media.MediaKind;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Groups of a session (WAHA's conventions): validates what clients send, asks
 * the session's engine, and maps its refusals to statuses (not a member → 404, not an admin → 403).
 */
public final class GroupService {
    public static final int MAX_PAGE = 1000;
    /** WhatsApp's limits on a group's subject and description. */
    public static final int MAX_SUBJECT = 100;
    public static final int MAX_DESCRIPTION = 2048;
    private static final Pattern INVITE_CODE = Pattern.compile("^[A-Za-z0-9]{6,64}$");
    private static final Pattern INVITE_LINK =
            Pattern.compile("^(?:https?://)?chat\\.whatsapp\\.com/(?:invite/)?([A-Za-z0-9]{6,64})/?$");
    private static final String LINK_PREFIX = "https://chat.whatsapp.com/";

    private final SessionService sessions;
    private final MediaIntake intake;
    private final MediaConverter converter;

    public GroupService(SessionService sessions, MediaIntake intake, MediaConverter converter) {
        this.sessions = sessions;
        this.intake = intake;
        this.converter = converter;
    }

    public enum SortBy { ID, SUBJECT, CREATEDAT }

    /** A page of the list; raw values as the client gave them (null when absent). */
    public record Page(int limit, int offset, String sortBy, String sortOrder) {}

    public List<Group> list(Principal principal, String sessionName, Page page) {
        if (page.limit() < 1 || page.limit() > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (page.offset() < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        var order = comparator(page.sortBy(), page.sortOrder());
        var session = sessions.get(principal, sessionName);
        return call(session, GroupOperations::list).stream().sorted(order).skip(page.offset()).limit(page.limit())
                .map(Group::of).toList();
    }

    /** Every group of the session, oldest first (the simple API lists them all at once). */
    public List<Group> all(Principal principal, String sessionName) {
        var session = sessions.get(principal, sessionName);
        return call(session, GroupOperations::list).stream().sorted(comparator(null, null)).map(Group::of).toList();
    }

    public Group.Count count(Principal principal, String sessionName) {
        return new Group.Count(call(sessions.get(principal, sessionName), GroupOperations::list).size());
    }

    public Group create(Principal principal, String sessionName, String name, List<String> participants,
                        String description) {
        String subject = Fields.requiredText(name, "name", MAX_SUBJECT);
        var members = participantIds(participants, "participants", true);
        var about = Optional.ofNullable(description).map(d -> Fields.atMost(d, "description", MAX_DESCRIPTION));
        var session = sessions.get(principal, sessionName);
        return Group.of(call(session, groups -> groups.create(subject, members, about)));
    }

    /** Joins by an invite code or a {@code https://chat.whatsapp.com/<code>} link. */
    public Group join(Principal principal, String sessionName, String codeOrLink) {
        String code = inviteCode(codeOrLink);
        var session = sessions.get(principal, sessionName);
        return Group.of(call(session, groups -> groups.get(groups.join(code))));
    }

    public void refresh(Principal principal, String sessionName) {
        run(sessions.get(principal, sessionName), GroupOperations::refresh);
    }

    public Group get(Principal principal, String sessionName, ChatId id) {
        return Group.of(call(sessions.get(principal, sessionName), groups -> groups.get(id)));
    }

    public void delete(Principal principal, String sessionName, ChatId id) {
        run(sessions.get(principal, sessionName), groups -> groups.delete(id));
    }

    public void leave(Principal principal, String sessionName, ChatId id) {
        run(sessions.get(principal, sessionName), groups -> groups.leave(id));
    }

    public Group setSubject(Principal principal, String sessionName, ChatId id, String subject) {
        String value = Fields.requiredText(subject, "subject", MAX_SUBJECT);
        return Group.of(call(sessions.get(principal, sessionName), groups -> {
            groups.setSubject(id, value);
            return groups.get(id);
        }));
    }

    public Group setDescription(Principal principal, String sessionName, ChatId id, String description) {
        if (description == null) {
            throw ApiException.badRequest("description is required (\"\" clears it)");
        }
        String value = Fields.atMost(description, "description", MAX_DESCRIPTION);
        return Group.of(call(sessions.get(principal, sessionName), groups -> {
            groups.setDescription(id, value);
            return groups.get(id);
        }));
    }

    public Group.AdminsOnly setting(Principal principal, String sessionName, ChatId id, Setting setting) {
        var group = get(principal, sessionName, id);
        return new Group.AdminsOnly(setting == Setting.MESSAGES_ADMIN_ONLY ? group.messagesAdminOnly()
                : group.infoAdminOnly());
    }

    public Group.AdminsOnly setSetting(Principal principal, String sessionName, ChatId id, Setting setting,
                                       Boolean adminsOnly) {
        if (adminsOnly == null) {
            throw ApiException.badRequest("adminsOnly is required");
        }
        run(sessions.get(principal, sessionName), groups -> groups.setSetting(id, setting, adminsOnly));
        return new Group.AdminsOnly(adminsOnly);
    }

    public List<Group.Participant> participants(Principal principal, String sessionName, ChatId id) {
        return get(principal, sessionName, id).participants();
    }

    /** Adds, removes, promotes or demotes; one outcome per participant, in the order given (duplicates once). */
    public List<Group.ParticipantOutcome> updateParticipants(Principal principal, String sessionName, ChatId id,
                                                             ParticipantAction action, List<String> participants) {
        var ids = participantIds(participants, "participants", false);
        return call(sessions.get(principal, sessionName), groups -> groups.updateParticipants(id, action, ids))
                .stream().map(r -> new Group.ParticipantOutcome(r.id(), r.status(), r.message())).toList();
    }

    public Group.Invite inviteCode(Principal principal, String sessionName, ChatId id) {
        return invite(call(sessions.get(principal, sessionName), groups -> groups.inviteCode(id)));
    }

    public Group.Invite revokeInvite(Principal principal, String sessionName, ChatId id) {
        return invite(call(sessions.get(principal, sessionName), groups -> groups.revokeInvite(id)));
    }

    /** The group's picture (JPEG); 404 when it has none. */
    public byte[] picture(Principal principal, String sessionName, ChatId id) {
        return call(sessions.get(principal, sessionName), groups -> groups.picture(id))
                .orElseThrow(() -> ApiException.notFound("group " + id + " has no picture")).jpeg();
    }

    /**
     * Sets the picture from an image (any type, converted to a JPEG of at most 640 pixels a side).
     * Membership and the session's state are checked before the file is fetched.
     */
    public void setPicture(Principal principal, String sessionName, ChatId id, MediaIntake.FileInput file) {
        if (file == null) {
            throw ApiException.badRequest("file is required: {url} or {data} (base64)");
        }
        var session = sessions.get(principal, sessionName);
        call(session, groups -> groups.get(id));
        try (var received = intake.receive(file, MediaKind.IMAGE, principal.admin());
             var jpeg = converter.toJpeg(received)) {
            run(session, groups -> groups.setPicture(id, jpeg.toMediaFile()));
        }
    }

    public void removePicture(Principal principal, String sessionName, ChatId id) {
        run(sessions.get(principal, sessionName), groups -> groups.removePicture(id));
    }

    private static Group.Invite invite(String code) {
        return new Group.Invite(code, LINK_PREFIX + code);
    }

    private <T> T call(Session session, Function<GroupOperations, T> operation) {
        return sessions.withEngine(session, engine -> operation.apply(engine.groups()));
    }

    private void run(Session session, Consumer<GroupOperations> command) {
        sessions.runWithEngine(session, engine -> command.accept(engine.groups()));
    }

    static Comparator<GroupInfo> comparator(String rawSortBy, String rawSortOrder) {
        var sortBy = parse(SortBy.class, rawSortBy == null ? "createdAt" : rawSortBy, "sortBy", "id, subject, createdAt");
        String order = rawSortOrder == null ? "asc" : rawSortOrder.toLowerCase();
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("sortOrder must be asc or desc");
        }
        Comparator<GroupInfo> byId = Comparator.comparing(GroupInfo::id);
        Comparator<GroupInfo> primary = switch (sortBy) {
            case ID -> byId;
            case SUBJECT -> Comparator.comparing(GroupInfo::subject, String.CASE_INSENSITIVE_ORDER).thenComparing(byId);
            case CREATEDAT -> Comparator.comparing(GroupInfo::createdAt).thenComparing(byId);
        };
        return order.equals("asc") ? primary : primary.reversed();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw, String field, String allowed) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(raw)) {
                return value;
            }
        }
        throw ApiException.badRequest(field + " must be one of " + allowed);
    }

    private static List<ChatId> participantIds(List<String> raw, String field, boolean mayBeEmpty) {
        if (raw == null) {
            if (mayBeEmpty) {
                return List.of();
            }
            throw ApiException.badRequest(field + " is required");
        }
        if (raw.isEmpty() && !mayBeEmpty) {
            throw ApiException.badRequest(field + " must name at least one participant");
        }
        if (raw.size() > 1024) {
            throw ApiException.badRequest(field + " must name at most 1024 participants");
        }
        return raw.stream().map(id -> ChatId.person(id, field + "[].id")).distinct().toList();
    }

    private static String inviteCode(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("code is required");
        }
        String value = raw.trim();
        var link = INVITE_LINK.matcher(value);
        if (link.matches()) {
            return link.group(1);
        }
        if (INVITE_CODE.matcher(value).matches()) {
            return value;
        }
        throw ApiException.badRequest("code must be an invite code or a https://chat.whatsapp.com/<code> link");
    }
}
