package io.wagate.engine.sandbox;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineEvent.GroupChange;
import io.wagate.engine.EngineEvent.ParticipantChange;
import io.wagate.engine.EngineException;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.GroupInfo.Role;
import io.wagate.engine.GroupOperations;
import io.wagate.engine.OutgoingMessage;
import io.wagate.ids.ChatId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Groups on the sandbox network, with WhatsApp's rules:
 * <ul>
 *   <li>the creator is the owner (superadmin); members join as participants;</li>
 *   <li>only admins change settings and participants and see or revoke the invite code;</li>
 *   <li>with info-admin-only on, only admins change subject, description and picture; with
 *       messages-admin-only on, only admins send;</li>
 *   <li>the owner cannot be removed or demoted, and only the owner deletes the group (for everyone);</li>
 *   <li>when the last admin leaves, the longest-standing member becomes admin; the group ends
 *       when its last member leaves;</li>
 *   <li>a group the number is not a member of is "not found", like a missing one;</li>
 *   <li>a number whose privacy refuses group adds ({@link SandboxProfiles}) is not added: 403 for it.</li>
 * </ul>
 * State lives in memory, guarded by this object's lock. Events go out through the network's
 * delivery thread, never under this lock's callers' session locks, so no lock order is crossed.
 */
final class SandboxGroups {
    /** WhatsApp's answer for a participant whose privacy settings do not let the admin add them. */
    private static final SandboxGroup.Outcome PRIVACY_REFUSED = new SandboxGroup.Outcome(403,
            "their privacy settings do not let you add them");

    private final SandboxNetwork network;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<ChatId, SandboxGroup> byId = new HashMap<>();
    private final Map<String, ChatId> byInviteCode = new HashMap<>();

    SandboxGroups(SandboxNetwork network, Clock clock) {
        this.network = network;
        this.clock = clock;
    }

    /** The group operations of the session whose number {@code me} yields (checked WORKING on each call). */
    GroupOperations actingAs(Supplier<String> me) {
        return new Operations(me);
    }

    /** Refuses a message from {@code number} that the group would not take. */
    synchronized void requireCanSend(String number, ChatId groupId) {
        var group = memberOf(number, groupId);
        if (group.messagesAdminOnly && !group.isAdmin(number)) {
            throw refused("only admins can send messages to this group");
        }
    }

    /** Refuses {@code number} acting in a group it is not in ("not found", like a missing group). */
    synchronized void requireMember(String number, ChatId groupId) {
        memberOf(number, groupId);
    }

    /**
     * The members of a group whose settings {@code number} may change ({@code what}: "pin messages"): an admin, or
     * anyone while info-admin-only is off, which WhatsApp applies to disappearing messages and pins too.
     */
    synchronized List<String> requireCanChangeSettings(String number, ChatId groupId, String what) {
        var group = memberOf(number, groupId);
        if (group.infoAdminOnly && !group.isAdmin(number)) {
            throw refused("only admins can " + what + " in this group (info-admin-only is on)");
        }
        return group.members();
    }

    /** The members a message of {@code number} goes to: everyone else; none once the group is gone. */
    synchronized List<String> othersOf(ChatId groupId, String number) {
        var group = byId.get(groupId);
        return group == null ? List.of() : group.members().stream().filter(m -> !m.equals(number)).toList();
    }

    private final class Operations implements GroupOperations {
        private final Supplier<String> me;

        Operations(Supplier<String> me) {
            this.me = me;
        }

        @Override
        public GroupInfo create(String subject, List<ChatId> participants, Optional<String> description) {
            String owner = me.get();
            var numbers = new LinkedHashSet<String>();
            for (ChatId participant : participants) {
                String number = numberOf(participant);
                if (!network.isOnWhatsApp(number)) {
                    throw new EngineException(EngineException.Reason.INVALID, number + " is not on WhatsApp");
                }
                numbers.add(number);
            }
            numbers.remove(owner);
            // As on WhatsApp, those whose privacy settings refuse the add are left out of the new group.
            numbers.removeIf(n -> !network.profiles().allowsGroupAdd(n, owner));
            synchronized (SandboxGroups.this) {
                // WhatsApp keeps a group's creation time in seconds.
                var group = new SandboxGroup(newId(), owner, subject, description.orElse(""),
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        newInviteCode());
                numbers.forEach(group::add);
                byId.put(group.id, group);
                byInviteCode.put(group.inviteCode, group.id);
                var info = group.info();
                group.members().forEach(m -> network.tell(m, new EngineEvent.GroupChanged(GroupChange.JOIN, info,
                        clock.instant())));
                return info;
            }
        }

        @Override
        public List<GroupInfo> list() {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                return byId.values().stream().filter(g -> g.isMember(number)).map(SandboxGroup::info).toList();
            }
        }

        /** The sandbox's groups are the network's own: there is nothing to fetch again. */
        @Override
        public void refresh() {
            me.get();
        }

        @Override
        public GroupInfo get(ChatId groupId) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                return memberOf(number, groupId).info();
            }
        }

        @Override
        public void delete(ChatId groupId) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                var group = memberOf(number, groupId);
                if (group.role(number) != Role.SUPERADMIN) {
                    throw refused("only the group's owner can delete it");
                }
                byId.remove(group.id);
                byInviteCode.remove(group.inviteCode);
                var info = group.info();
                group.members().forEach(m -> network.tell(m, new EngineEvent.GroupChanged(GroupChange.LEAVE, info,
                        clock.instant())));
                group.members().forEach(m -> network.communities().left(group.id, m));
            }
        }

        @Override
        public void leave(ChatId groupId) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                var group = memberOf(number, groupId);
                var before = group.info();
                group.remove(number);
                network.tell(number, new EngineEvent.GroupChanged(GroupChange.LEAVE, before, clock.instant()));
                network.communities().left(group.id, number);
                if (group.members().isEmpty()) {
                    byId.remove(group.id);
                    byInviteCode.remove(group.inviteCode);
                    return;
                }
                announce(group, ParticipantChange.LEAVE, List.of(new GroupInfo.Participant(ChatId.ofPhone(number),
                        Role.PARTICIPANT)));
                group.ensureAnAdmin().ifPresent(promoted -> announce(group, ParticipantChange.PROMOTE,
                        List.of(new GroupInfo.Participant(ChatId.ofPhone(promoted), Role.ADMIN))));
            }
        }

        @Override
        public void setSubject(ChatId groupId, String subject) {
            changeInfo(groupId, group -> group.subject = subject);
        }

        @Override
        public void setDescription(ChatId groupId, String description) {
            changeInfo(groupId, group -> group.description = description);
        }

        @Override
        public Optional<Picture> picture(ChatId groupId) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                return Optional.ofNullable(memberOf(number, groupId).picture).map(Picture::new);
            }
        }

        /** The picture is group info: who may change the subject may change it. */
        @Override
        public void setPicture(ChatId groupId, OutgoingMessage.MediaFile image) {
            byte[] jpeg;
            try {
                jpeg = Files.readAllBytes(image.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the group picture", e);
            }
            changeInfo(groupId, group -> group.picture = jpeg);
        }

        @Override
        public void removePicture(ChatId groupId) {
            changeInfo(groupId, group -> group.picture = null);
        }

        private void changeInfo(ChatId groupId, java.util.function.Consumer<SandboxGroup> change) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                var group = memberOf(number, groupId);
                if (group.infoAdminOnly && !group.isAdmin(number)) {
                    throw refused("only admins can change this group's info (info-admin-only is on)");
                }
                change.accept(group);
                announceUpdate(group);
            }
        }

        @Override
        public void setSetting(ChatId groupId, Setting setting, boolean adminsOnly) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                var group = adminOf(number, groupId, "change the group's settings");
                switch (setting) {
                    case MESSAGES_ADMIN_ONLY -> group.messagesAdminOnly = adminsOnly;
                    case INFO_ADMIN_ONLY -> group.infoAdminOnly = adminsOnly;
                }
                announceUpdate(group);
            }
        }

        @Override
        public List<ParticipantResult> updateParticipants(ChatId groupId, ParticipantAction action,
                                                          List<ChatId> participants) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                var group = adminOf(number, groupId, action.name().toLowerCase() + " participants");
                var results = new ArrayList<ParticipantResult>();
                var changed = new ArrayList<GroupInfo.Participant>();
                for (ChatId participant : new LinkedHashSet<>(participants)) {
                    String who = numberOf(participant);
                    var outcome = action == GroupOperations.ParticipantAction.ADD && !network.profiles().allowsGroupAdd(who, number)
                            ? PRIVACY_REFUSED : group.change(action, number, who, network::isOnWhatsApp);
                    results.add(new ParticipantResult(participant, outcome.status(), outcome.message()));
                    if (outcome.status() == 200) {
                        changed.add(new GroupInfo.Participant(participant,
                                group.isMember(who) ? group.role(who) : Role.PARTICIPANT));
                    }
                }
                announceParticipants(group, action, changed);
                return results;
            }
        }

        @Override
        public String inviteCode(ChatId groupId) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                return adminOf(number, groupId, "see the invite code").inviteCode;
            }
        }

        @Override
        public String revokeInvite(ChatId groupId) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                var group = adminOf(number, groupId, "revoke the invite code");
                byInviteCode.remove(group.inviteCode);
                group.inviteCode = newInviteCode();
                byInviteCode.put(group.inviteCode, group.id);
                return group.inviteCode;
            }
        }

        @Override
        public ChatId join(String inviteCode) {
            String number = me.get();
            synchronized (SandboxGroups.this) {
                ChatId groupId = byInviteCode.get(inviteCode);
                if (groupId == null) {
                    throw new EngineException(EngineException.Reason.NOT_FOUND,
                            "invite code '" + inviteCode + "' is not valid (it may have been revoked)");
                }
                var group = byId.get(groupId);
                if (group.isMember(number)) {
                    throw new EngineException(EngineException.Reason.CONFLICT, "already a member of " + groupId);
                }
                group.add(number);
                network.tell(number, new EngineEvent.GroupChanged(GroupChange.JOIN, group.info(), clock.instant()));
                announce(group, ParticipantChange.JOIN, List.of(new GroupInfo.Participant(ChatId.ofPhone(number),
                        Role.PARTICIPANT)));
                network.communities().joined(groupId, number);
                return groupId;
            }
        }
    }

    /** Must hold the lock. */
    private void announceParticipants(SandboxGroup group, GroupOperations.ParticipantAction action,
                                      List<GroupInfo.Participant> changed) {
        if (changed.isEmpty()) {
            return;
        }
        var info = group.info();
        switch (action) {
            case ADD -> {
                changed.forEach(p -> network.tell(p.id().phone().orElse(null),
                        new EngineEvent.GroupChanged(GroupChange.JOIN, info, clock.instant())));
                announce(group, ParticipantChange.JOIN, changed);
                changed.forEach(p -> network.communities().joined(group.id, p.id().phone().orElse(null)));
            }
            case REMOVE -> {
                // The removed hear it too: it is the last they hear of the group.
                changed.forEach(p -> {
                    String number = p.id().phone().orElse(null);
                    network.tell(number, new EngineEvent.GroupParticipantsChanged(group.id, ParticipantChange.LEAVE,
                            changed, clock.instant()));
                    network.tell(number, new EngineEvent.GroupChanged(GroupChange.LEAVE, info, clock.instant()));
                });
                announce(group, ParticipantChange.LEAVE, changed);
                changed.forEach(p -> network.communities().left(group.id, p.id().phone().orElse(null)));
            }
            case PROMOTE -> announce(group, ParticipantChange.PROMOTE, changed);
            case DEMOTE -> announce(group, ParticipantChange.DEMOTE, changed);
        }
    }

    /** Must hold the lock: tells every member of a participant change. */
    private void announce(SandboxGroup group, ParticipantChange change, List<GroupInfo.Participant> participants) {
        var event = new EngineEvent.GroupParticipantsChanged(group.id, change, participants, clock.instant());
        group.members().forEach(m -> network.tell(m, event));
    }

    /** Must hold the lock. */
    private void announceUpdate(SandboxGroup group) {
        var event = new EngineEvent.GroupChanged(GroupChange.UPDATE, group.info(), clock.instant());
        group.members().forEach(m -> network.tell(m, event));
    }

    // --- for SandboxCommunities, which works under this object's lock ----------------------

    /** Must hold the lock: the group, or null. */
    SandboxGroup find(ChatId groupId) {
        return byId.get(groupId);
    }

    /** Must hold the lock: a new group owned by {@code owner} alone, told to the owner. */
    SandboxGroup open(String owner, String subject, String description) {
        var group = new SandboxGroup(newId(), owner, subject, description,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), newInviteCode());
        byId.put(group.id, group);
        byInviteCode.put(group.inviteCode, group.id);
        network.tell(owner, new EngineEvent.GroupChanged(GroupChange.JOIN, group.info(), clock.instant()));
        return group;
    }

    /** Must hold the lock: adds {@code number} as a participant, told as an invite join is. */
    void addMember(SandboxGroup group, String number) {
        if (group.isMember(number)) {
            return;
        }
        group.add(number);
        network.tell(number, new EngineEvent.GroupChanged(GroupChange.JOIN, group.info(), clock.instant()));
        announce(group, ParticipantChange.JOIN, List.of(new GroupInfo.Participant(ChatId.ofPhone(number),
                Role.PARTICIPANT)));
    }

    /** Must hold the lock: removes {@code number}, told as an admin's removal is. */
    void removeMember(SandboxGroup group, String number) {
        if (!group.isMember(number)) {
            return;
        }
        var removed = List.of(new GroupInfo.Participant(ChatId.ofPhone(number), Role.PARTICIPANT));
        var before = group.info();
        group.remove(number);
        network.tell(number, new EngineEvent.GroupParticipantsChanged(group.id, ParticipantChange.LEAVE, removed,
                clock.instant()));
        network.tell(number, new EngineEvent.GroupChanged(GroupChange.LEAVE, before, clock.instant()));
        announce(group, ParticipantChange.LEAVE, removed);
    }

    /** Must hold the lock: the group if {@code number} is in it; a group one is not in is "not found". */
    SandboxGroup memberOf(String number, ChatId groupId) {
        var group = byId.get(groupId);
        if (group == null || !group.isMember(number)) {
            throw new EngineException(EngineException.Reason.NOT_FOUND, "group " + groupId + " not found");
        }
        return group;
    }

    private SandboxGroup adminOf(String number, ChatId groupId, String what) {
        var group = memberOf(number, groupId);
        if (!group.isAdmin(number)) {
            throw refused("only group admins can " + what);
        }
        return group;
    }

    private static EngineException refused(String message) {
        return new EngineException(EngineException.Reason.REFUSED, message);
    }

    private static String numberOf(ChatId personId) {
        String number = personId.phone().orElse(null);
        if (number == null) {
            throw new EngineException(EngineException.Reason.INVALID, personId + " is not a person's chat id");
        }
        return number;
    }

    /** Must hold the lock. */
    private ChatId newId() {
        ChatId id;
        do {
            id = ChatId.of(SandboxNetwork.serverId(random) + "@g.us");
        } while (byId.containsKey(id));
        return id;
    }

    /** Must hold the lock. */
    private String newInviteCode() {
        String code;
        do {
            code = SandboxNetwork.inviteCode(random);
        } while (byInviteCode.containsKey(code));
        return code;
    }
}
