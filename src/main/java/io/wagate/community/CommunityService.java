package io.wagate.community;

import io.wagate.account.Principal;
import io.wagate.engine.CommunityOperations;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.ids.ChatId;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Communities of a session: validates what clients send, asks the session's engine, and maps its refusals to
 * statuses (not in the community → 404, not its admin → 403, a group linked elsewhere → 409).
 */
public final class CommunityService {
    /** WhatsApp's limits on a community's name and description (those of groups). */
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2048;
    /** At most this many groups per link or unlink (WhatsApp caps a community at 100 groups). */
    public static final int MAX_GROUPS = 100;

    private final SessionService sessions;

    public CommunityService(SessionService sessions) {
        this.sessions = sessions;
    }

    public List<Community> list(Principal principal, String sessionName) {
        return call(sessions.get(principal, sessionName), CommunityOperations::list).stream().map(Community::of)
                .toList();
    }

    public Community create(Principal principal, String sessionName, String rawName, String description) {
        String name = Fields.requiredText(rawName, "name", MAX_NAME);
        var about = Optional.ofNullable(description).map(d -> Fields.atMost(d, "description", MAX_DESCRIPTION));
        return Community.of(call(sessions.get(principal, sessionName), c -> c.create(name, about)));
    }

    public Community get(Principal principal, String sessionName, ChatId id) {
        return Community.of(call(sessions.get(principal, sessionName), c -> c.get(id)));
    }

    public List<Community.Group> groups(Principal principal, String sessionName, ChatId id) {
        return call(sessions.get(principal, sessionName), c -> c.groups(id)).stream().map(Community.Group::of)
                .toList();
    }

    /** Links the groups and answers the community's groups as they are then. */
    public List<Community.Group> link(Principal principal, String sessionName, ChatId id, List<String> rawGroups) {
        return change(principal, sessionName, id, rawGroups, CommunityOperations::link);
    }

    public List<Community.Group> unlink(Principal principal, String sessionName, ChatId id, List<String> rawGroups) {
        return change(principal, sessionName, id, rawGroups, CommunityOperations::unlink);
    }

    private interface GroupsChange {
        void apply(CommunityOperations communities, ChatId id, List<ChatId> groups);
    }

    private List<Community.Group> change(Principal principal, String sessionName, ChatId id, List<String> rawGroups,
                                         GroupsChange change) {
        var groupIds = groupIds(rawGroups);
        return call(sessions.get(principal, sessionName), c -> {
            change.apply(c, id, groupIds);
            return c.groups(id);
        }).stream().map(Community.Group::of).toList();
    }

    private static List<ChatId> groupIds(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("groups must name at least one group id");
        }
        if (raw.size() > MAX_GROUPS) {
            throw ApiException.badRequest("groups must name at most " + MAX_GROUPS + " groups");
        }
        return raw.stream().map(g -> ChatId.group(g, "groups[]")).distinct().toList();
    }

    private <T> T call(Session session, Function<CommunityOperations, T> operation) {
        return sessions.withEngine(session, engine -> operation.apply(engine.communities()));
    }
}
