package io.wagate.engine.sandbox;

import io.wagate.engine.CommunityOperations;
import io.wagate.engine.CommunityOperations.CommunityInfo;
import io.wagate.engine.EngineException;
import io.wagate.ids.ChatId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Communities on the sandbox network, with WhatsApp's rules:
 * <ul>
 *   <li>the creator is the community's admin; its announcement group is made with it (the creator its owner,
 *       messages and info admin-only), named as the community;</li>
 *   <li>only the community's admins link and unlink groups, and only groups they are admins of;</li>
 *   <li>a group is in one community at a time; the announcement group is never linked elsewhere;</li>
 *   <li>linking a group adds its members to the announcement group; unlinking it removes the ones no other
 *       linked group (nor an admin role) keeps there;</li>
 *   <li>a community one is not in (admin, or member of a linked group or the announcement group) is "not found".</li>
 * </ul>
 * The state is guarded by the groups' lock, since every change here is also a change of groups.
 */
final class SandboxCommunities {
    private final SandboxGroups groups;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<ChatId, Community> byId = new HashMap<>();
    /** Which community each linked group (and each announcement group) belongs to. */
    private final Map<ChatId, ChatId> communityOf = new HashMap<>();

    SandboxCommunities(SandboxGroups groups, Clock clock) {
        this.groups = groups;
        this.clock = clock;
    }

    private static final class Community {
        final ChatId id;
        final String name;
        final String description;
        final String owner;
        final Instant createdAt;
        final ChatId announcement;
        final Set<String> admins = new LinkedHashSet<>();
        final Set<ChatId> linked = new LinkedHashSet<>();

        Community(ChatId id, String name, String description, String owner, Instant createdAt, ChatId announcement) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.owner = owner;
            this.createdAt = createdAt;
            this.announcement = announcement;
            admins.add(owner);
        }

        CommunityInfo info() {
            return new CommunityInfo(id, name, description, Optional.of(ChatId.ofPhone(owner)),
                    Optional.of(announcement), createdAt);
        }
    }

    CommunityOperations actingAs(Supplier<String> me) {
        return new Operations(me);
    }

    private final class Operations implements CommunityOperations {
        private final Supplier<String> me;

        Operations(Supplier<String> me) {
            this.me = me;
        }

        @Override
        public CommunityInfo create(String name, Optional<String> description) {
            String owner = me.get();
            synchronized (groups) {
                var announcement = groups.open(owner, name, description.orElse(""));
                announcement.messagesAdminOnly = true;
                announcement.infoAdminOnly = true;
                var community = new Community(newId(), name, description.orElse(""), owner,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), announcement.id);
                byId.put(community.id, community);
                communityOf.put(announcement.id, community.id);
                return community.info();
            }
        }

        @Override
        public List<CommunityInfo> list() {
            String number = me.get();
            synchronized (groups) {
                return byId.values().stream().filter(c -> isIn(number, c))
                        .sorted(java.util.Comparator.comparing((Community c) -> c.createdAt).thenComparing(c -> c.id))
                        .map(Community::info).toList();
            }
        }

        @Override
        public CommunityInfo get(ChatId communityId) {
            String number = me.get();
            synchronized (groups) {
                return memberOf(number, communityId).info();
            }
        }

        @Override
        public void link(ChatId communityId, List<ChatId> groupIds) {
            String number = me.get();
            synchronized (groups) {
                var community = adminOf(number, communityId, "link groups");
                var toLink = new ArrayList<SandboxGroup>();
                for (ChatId groupId : new LinkedHashSet<>(groupIds)) {
                    var group = groups.memberOf(number, groupId);
                    if (!group.isAdmin(number)) {
                        throw refused("only the group's admins can link " + groupId + " to a community");
                    }
                    ChatId current = communityOf.get(groupId);
                    if (current != null) {
                        throw new EngineException(EngineException.Reason.CONFLICT, current.equals(communityId)
                                ? groupId + " is already in this community"
                                : groupId + " is already in another community (unlink it there first)");
                    }
                    toLink.add(group);
                }
                var announcement = groups.find(community.announcement);
                for (var group : toLink) {
                    community.linked.add(group.id);
                    communityOf.put(group.id, community.id);
                    if (announcement != null) {
                        group.members().forEach(m -> groups.addMember(announcement, m));
                    }
                }
            }
        }

        @Override
        public void unlink(ChatId communityId, List<ChatId> groupIds) {
            String number = me.get();
            synchronized (groups) {
                var community = adminOf(number, communityId, "unlink groups");
                var ids = new LinkedHashSet<>(groupIds);
                for (ChatId groupId : ids) {
                    if (!community.linked.contains(groupId)) {
                        throw new EngineException(EngineException.Reason.CONFLICT, groupId.equals(community.announcement)
                                ? "the announcement group cannot be unlinked from its community"
                                : groupId + " is not linked to this community");
                    }
                }
                var leaving = new LinkedHashSet<String>();
                for (ChatId groupId : ids) {
                    community.linked.remove(groupId);
                    communityOf.remove(groupId);
                    var group = groups.find(groupId);
                    if (group != null) {
                        leaving.addAll(group.members());
                    }
                }
                var announcement = groups.find(community.announcement);
                if (announcement != null) {
                    leaving.stream().filter(m -> !community.admins.contains(m) && !inLinkedGroup(m, community))
                            .forEach(m -> groups.removeMember(announcement, m));
                }
            }
        }

        @Override
        public List<LinkedGroup> groups(ChatId communityId) {
            String number = me.get();
            synchronized (groups) {
                var community = memberOf(number, communityId);
                var out = new ArrayList<LinkedGroup>();
                var announcement = groups.find(community.announcement);
                if (announcement != null) {
                    out.add(new LinkedGroup(announcement.id, announcement.subject, true));
                }
                for (ChatId id : community.linked) {
                    var group = groups.find(id);
                    if (group != null) {
                        out.add(new LinkedGroup(group.id, group.subject, false));
                    }
                }
                return List.copyOf(out);
            }
        }
    }

    /** Must hold the groups' lock: someone joined a group; in a linked one, they join its announcement group. */
    void joined(ChatId groupId, String number) {
        var community = linkedCommunity(groupId);
        var announcement = community == null ? null : groups.find(community.announcement);
        if (announcement != null && number != null) {
            groups.addMember(announcement, number);
        }
    }

    /** Must hold the groups' lock: someone left a group; the announcement group keeps them only through another. */
    void left(ChatId groupId, String number) {
        var community = linkedCommunity(groupId);
        var announcement = community == null ? null : groups.find(community.announcement);
        if (announcement != null && number != null && !community.admins.contains(number)
                && !inLinkedGroup(number, community)) {
            groups.removeMember(announcement, number);
        }
    }

    private Community linkedCommunity(ChatId groupId) {
        var community = byId.get(communityOf.get(groupId));
        return community != null && community.linked.contains(groupId) ? community : null;
    }

    /** Must hold the lock. */
    private boolean isIn(String number, Community community) {
        if (community.admins.contains(number) || inLinkedGroup(number, community)) {
            return true;
        }
        var announcement = groups.find(community.announcement);
        return announcement != null && announcement.isMember(number);
    }

    /** Must hold the lock. */
    private boolean inLinkedGroup(String number, Community community) {
        return community.linked.stream().map(groups::find).anyMatch(g -> g != null && g.isMember(number));
    }

    /** Must hold the lock. */
    private Community memberOf(String number, ChatId communityId) {
        var community = byId.get(communityId);
        if (community == null || !isIn(number, community)) {
            throw new EngineException(EngineException.Reason.NOT_FOUND, "community " + communityId + " not found");
        }
        return community;
    }

    /** Must hold the lock. */
    private Community adminOf(String number, ChatId communityId, String what) {
        var community = memberOf(number, communityId);
        if (!community.admins.contains(number)) {
            throw refused("only the community's admins can " + what);
        }
        return community;
    }

    private static EngineException refused(String message) {
        return new EngineException(EngineException.Reason.REFUSED, message);
    }

    /** Must hold the lock: an id no group nor community has. */
    private ChatId newId() {
        ChatId id;
        do {
            id = ChatId.of(SandboxNetwork.serverId(random) + "@g.us");
        } while (byId.containsKey(id) || groups.find(id) != null);
        return id;
    }
}
