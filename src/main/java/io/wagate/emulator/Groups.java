package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Groups: the {@code w:g2} IQs Baileys sends (answered in the shapes its {@code extractGroupMetadata} and
 * {@code groups.js} read) and the {@code w:gp2} notifications every member's devices get of a change.
 */
final class Groups {
    private static final List<String> PARTICIPANT_ACTIONS = List.of("add", "remove", "promote", "demote");
    private static final List<String> SETTINGS = List.of("announcement", "not_announcement", "locked", "unlocked");
    private final Switchboard switchboard;
    private final Map<String, Group> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Groups(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    List<Group> all() {
        return List.copyOf(byId.values());
    }

    Group group(String jid) {
        return jid == null ? null : byId.get(Jids.user(jid));
    }

    /** The whole answer to a {@code w:g2} IQ from a logged-in device. */
    Node answer(ChatConnection connection, Node iq) {
        Account actor = connection.account;
        Node first = iq.children().isEmpty() ? new Node("") : iq.children().getFirst();
        if (actor == null || connection.device == null) {
            return error(iq, "401", "not-authorized");
        }
        String to = iq.attr("to") == null ? "" : iq.attr("to");
        if (to.equals("@g.us") || to.equals("g.us")) {
            return switch (first.tag()) {
                case "create" -> first.child("parent") != null ? new Communities(this).create(connection, iq, first)
                        : create(connection, iq, first);
                case "participating" -> Iqs.reply(iq, "result", List.of(new Node("groups", Map.of(),
                        byId.values().stream().filter(g -> {
                            synchronized (g) {
                                return g.isMember(actor);
                            }
                        }).map(g -> {
                            synchronized (g) {
                                return metadata(g);
                            }
                        }).toList())));
                case "invite" -> join(connection, iq, first.attr("code"));
                case "leave" -> {
                    for (Node g : first.children("group")) {
                        Group group = group(g.attr("id"));
                        if (group != null) {
                            synchronized (group) {
                                if (group.isMember(actor)) {
                                    group.remove(actor);
                                    notifyMembers(group, connection, new Node("remove", Map.of(), List.of(participant(group, actor, null))), List.of(actor));
                                }
                            }
                        }
                    }
                    yield Iqs.reply(iq, "result", null);
                }
                default -> error(iq, "400", "bad-request");
            };
        }
        Group group = group(to);
        if (group == null) {
            return error(iq, "404", "item-not-found");
        }
        synchronized (group) {
            if (!group.isMember(actor)) {
                return error(iq, "403", "forbidden");
            }
            String tag = first.tag();
            boolean needsAdmin = PARTICIPANT_ACTIONS.contains(tag) || SETTINGS.contains(tag) || tag.equals("invite")
                    && "set".equals(iq.attr("type")) || (group.locked && (tag.equals("subject") || tag.equals("description")));
            if (needsAdmin && !group.isAdmin(actor)) {
                return error(iq, "401", "not-authorized");
            }
            if (PARTICIPANT_ACTIONS.contains(tag)) {
                return participants(connection, iq, group, first);
            }
            if (group.community && Communities.TAGS.contains(tag)) {
                return new Communities(this).answer(connection, iq, group, first);
            }
            return switch (tag) {
                case "query" -> Iqs.reply(iq, "result", List.of(metadata(group)));
                case "subject" -> {
                    group.subject = new String(first.contentBytes() == null ? new byte[0] : first.contentBytes(), StandardCharsets.UTF_8);
                    group.subjectOwner = actor;
                    group.subjectTime = now();
                    notifyMembers(group, connection, new Node("subject", Node.attrsOf("subject", group.subject,
                            "s_o", group.name(actor), "s_t", Long.toString(group.subjectTime))), List.of());
                    yield Iqs.reply(iq, "result", null);
                }
                case "description" -> {
                    Node body = first.child("body");
                    boolean delete = "true".equals(first.attr("delete")) || body == null;
                    group.description = delete ? null : new String(body.contentBytes(), StandardCharsets.UTF_8);
                    group.descriptionId = delete ? null : first.attr("id");
                    group.descriptionOwner = actor;
                    group.descriptionTime = now();
                    notifyMembers(group, connection, new Node("description", Node.attrsOf("id", first.attr("id"),
                            "delete", delete ? "true" : null), delete ? null : List.of(new Node("body", Map.of(),
                            group.description.getBytes(StandardCharsets.UTF_8)))), List.of());
                    yield Iqs.reply(iq, "result", null);
                }
                case "announcement", "not_announcement", "locked", "unlocked" -> {
                    if (tag.endsWith("announcement")) {
                        group.announce = tag.equals("announcement");
                    } else {
                        group.locked = tag.equals("locked");
                    }
                    notifyMembers(group, connection, new Node(tag), List.of());
                    yield Iqs.reply(iq, "result", null);
                }
                case "invite" -> {
                    if ("set".equals(iq.attr("type"))) {
                        group.inviteCode = inviteCode();
                    }
                    yield Iqs.reply(iq, "result", List.of(new Node("invite", Node.attrsOf("code", group.inviteCode))));
                }
                default -> Iqs.reply(iq, "result", null);
            };
        }
    }

    /** A new group of {@code creator}'s (its owner), registered. */
    Group open(Account creator, String subject) {
        String id = "120363" + String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
        var group = new Group(id, creator, now(), subject, inviteCode());
        synchronized (group) {
            group.put(creator, Group.SUPERADMIN);
        }
        byId.put(id, group);
        return group;
    }

    private Node create(ChatConnection connection, Node iq, Node create) {
        Account creator = connection.account;
        String id = "120363" + String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
        var group = new Group(id, creator, now(), create.attr("subject"), inviteCode());
        synchronized (group) {
            group.put(creator, Group.SUPERADMIN);
            for (Node p : create.children("participant")) {
                Account member = switchboard.accountFor(p.attr("jid"));
                if (member != null && !group.isMember(member)) {
                    group.put(member, null);
                }
            }
            byId.put(id, group);
            Node metadata = metadata(group);
            // The creating device hears it too, its key naming the request (whatsmeow's JoinedGroup.CreateKey).
            notifyMembers(group, connection, new Node("create", Node.attrsOf("key", create.attr("key")), List.of(metadata)),
                    List.of());
            return Iqs.reply(iq, "result", List.of(metadata));
        }
    }

    private Node join(ChatConnection connection, Node iq, String code) {
        Group group = code == null ? null : byId.values().stream().filter(g -> {
            synchronized (g) {
                return code.equals(g.inviteCode);
            }
        }).findFirst().orElse(null);
        if (group == null) {
            return error(iq, "406", "not-acceptable");
        }
        synchronized (group) {
            if (!group.isMember(connection.account)) {
                group.put(connection.account, null);
                notifyMembers(group, connection, new Node("add", Map.of(), List.of(participant(group, connection.account, null))), List.of());
            }
            return Iqs.reply(iq, "result", List.of(new Node("group", Node.attrsOf("jid", group.jid()))));
        }
    }

    /** Must hold the group: add, remove, promote, demote; each participant answered with its jid (and an error). */
    private Node participants(ChatConnection connection, Node iq, Group group, Node action) {
        var answered = new ArrayList<Node>();
        var changed = new ArrayList<Node>();
        var removed = new ArrayList<Account>();
        for (Node p : action.children("participant")) {
            String jid = p.attr("jid");
            Account account = switchboard.accountFor(jid);
            String error = switch (action.tag()) {
                case "add" -> account == null ? "404" : group.isMember(account) ? "409" : null;
                default -> account == null || !group.isMember(account) ? "404" : null;
            };
            answered.add(new Node("participant", Node.attrsOf("jid", jid, "error", error)));
            if (error != null) {
                continue;
            }
            switch (action.tag()) {
                case "add" -> group.put(account, null);
                case "remove" -> {
                    group.remove(account);
                    removed.add(account);
                }
                case "promote" -> group.put(account, Group.ADMIN);
                default -> group.put(account, null);
            }
            changed.add(participant(group, account, null));
        }
        if (!changed.isEmpty()) {
            notifyMembers(group, connection, new Node(action.tag(), Map.of(), changed), removed);
        }
        return Iqs.reply(iq, "result", List.of(new Node(action.tag(), Map.of(), answered)));
    }

    /** Must hold the group: the {@code <group>} node {@code extractGroupMetadata} reads. */
    static Node metadata(Group group) {
        var content = new ArrayList<Node>();
        if (group.description != null) {
            content.add(new Node("description", Node.attrsOf("id", group.descriptionId,
                    "participant", group.name(group.descriptionOwner), "t", Long.toString(group.descriptionTime)),
                    List.of(new Node("body", Map.of(), group.description.getBytes(StandardCharsets.UTF_8)))));
        }
        if (group.announce) {
            content.add(new Node("announcement"));
        }
        if (group.locked) {
            content.add(new Node("locked"));
        }
        if (group.community) {
            content.add(new Node("parent", Node.attrsOf("default_membership_approval_mode", "request_required")));
        }
        if (group.defaultSubGroup) {
            content.add(new Node("default_sub_group"));
        }
        if (group.linkedParent != null) {
            content.add(new Node("linked_parent", Node.attrsOf("jid", group.linkedParent + "@g.us")));
        }
        for (Account member : group.members()) {
            content.add(participant(group, member, group.role(member)));
        }
        var attrs = Node.attrsOf("id", group.id, "addressing_mode", group.lidAddressed ? "lid" : "pn",
                "subject", group.subject, "s_o", group.name(group.subjectOwner), "s_t", Long.toString(group.subjectTime),
                "creation", Long.toString(group.creation), "creator", group.name(group.creator),
                "size", Integer.toString(group.members().size()));
        if (group.lidAddressed) {
            attrs.put("creator_pn", group.creator.pnJid());
            attrs.put("s_o_pn", group.subjectOwner.pnJid());
        }
        return new Node("group", attrs, content);
    }

    /** A member as the group names it, with the other address beside it (as WhatsApp does). */
    static Node participant(Group group, Account account, String role) {
        return new Node("participant", group.lidAddressed
                ? Node.attrsOf("jid", account.lidJid(), "phone_number", account.pnJid(), "type", role)
                : Node.attrsOf("jid", account.pnJid(), "lid", account.lidJid(), "type", role));
    }

    /** Must hold the group: a {@code w:gp2} notification to each device of the members (and of those just removed). */
    void notifyMembers(Group group, ChatConnection actor, Node change, List<Account> formerMembers) {
        var attrs = Node.attrsOf("from", group.jid(), "type", "w:gp2", "id", notificationId(), "t", Long.toString(now()),
                "participant", group.name(actor.account), "addressing_mode", group.lidAddressed ? "lid" : "pn",
                "notify", actor.pushName);
        attrs.put(group.lidAddressed ? "participant_pn" : "participant_lid", group.name(actor.account).endsWith("@lid")
                ? actor.account.pnJid() : actor.account.lidJid());
        var node = new Node("notification", attrs, List.of(change));
        var recipients = group.members();
        formerMembers.stream().filter(a -> !recipients.contains(a)).forEach(recipients::add);
        for (Account member : recipients) {
            member.companions().forEach(device -> switchboard.routing().deliver(device, node));
        }
    }

    private String inviteCode() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
    }

    private String notificationId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    static Node error(Node iq, String code, String text) {
        return Iqs.reply(iq, "error", List.of(new Node("error", Node.attrsOf("code", code, "text", text))));
    }

    static long now() {
        return java.time.Instant.now().getEpochSecond();
    }
}
