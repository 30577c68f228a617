package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Communities: the {@code w:g2} IQs of Baileys' community functions (create with {@code <parent>}, {@code <links>},
 * {@code <unlink>}, {@code <sub_groups>} to the parent), answered in the shapes its {@code communities.js} reads. A
 * community is a parent group with an announcement group made with it; linking a group adds its members to both.
 */
final class Communities {
    static final Set<String> TAGS = Set.of("links", "unlink", "sub_groups");
    private final Groups groups;

    Communities(Groups groups) {
        this.groups = groups;
    }

    Node create(ChatConnection connection, Node iq, Node create) {
        Account creator = connection.account;
        Group parent = groups.open(creator, create.attr("subject"));
        Group announcement = groups.open(creator, create.attr("subject"));
        synchronized (parent) {
            parent.community = true;
            Node body = create.child("description") == null ? null : create.child("description").child("body");
            if (body != null && body.contentBytes() != null && body.contentBytes().length > 0) {
                parent.description = new String(body.contentBytes(), StandardCharsets.UTF_8);
                parent.descriptionId = create.child("description").attr("id");
                parent.descriptionOwner = creator;
                parent.descriptionTime = Groups.now();
            }
        }
        synchronized (announcement) {
            announcement.defaultSubGroup = true;
            announcement.announce = true;
            announcement.locked = true;
            announcement.linkedParent = parent.id;
        }
        return Iqs.reply(iq, "result", List.of(new Node("group", Node.attrsOf("id", parent.id))));
    }

    /** Must hold the parent: a community IQ to it. */
    Node answer(ChatConnection connection, Node iq, Group parent, Node first) {
        Account actor = connection.account;
        if (first.tag().equals("sub_groups")) {
            var linked = new ArrayList<Node>();
            for (Group g : linkedTo(parent)) {
                linked.add(new Node("group", Node.attrsOf("id", g.id, "subject", g.subject)));
            }
            return Iqs.reply(iq, "result", List.of(new Node("sub_groups", Map.of(), linked)));
        }
        if (!parent.isAdmin(actor)) {
            return Groups.error(iq, "401", "not-authorized");
        }
        Node groupNode = first.tag().equals("links") && first.child("link") != null ? first.child("link").child("group")
                : first.child("group");
        Group target = groupNode == null ? null : groups.group(groupNode.attr("jid"));
        if (target == null || target == parent) {
            return Groups.error(iq, "404", "item-not-found");
        }
        synchronized (target) {
            if (first.tag().equals("unlink")) {
                if (!parent.id.equals(target.linkedParent) || target.defaultSubGroup) {
                    return Groups.error(iq, "406", "not-acceptable");
                }
                target.linkedParent = null;
                return Iqs.reply(iq, "result", null);
            }
            if (!target.isAdmin(actor)) {
                return Groups.error(iq, "401", "not-authorized");
            }
            if (target.linkedParent != null) {
                return Groups.error(iq, "409", "conflict");
            }
            target.linkedParent = parent.id;
            var members = target.members();
            for (Account member : members) {
                if (!parent.isMember(member)) {
                    parent.put(member, null);
                }
            }
            announcementOf(parent).ifPresent(a -> {
                synchronized (a) {
                    var added = new ArrayList<Node>();
                    for (Account member : members) {
                        if (!a.isMember(member)) {
                            a.put(member, null);
                            added.add(Groups.participant(a, member, null));
                        }
                    }
                    if (!added.isEmpty()) {
                        groups.notifyMembers(a, connection, new Node("add", Map.of(), added), List.of());
                    }
                }
            });
            return Iqs.reply(iq, "result", null);
        }
    }

    private List<Group> linkedTo(Group parent) {
        return groups.all().stream().filter(g -> {
            synchronized (g) {
                return parent.id.equals(g.linkedParent);
            }
        }).toList();
    }

    private java.util.Optional<Group> announcementOf(Group parent) {
        return linkedTo(parent).stream().filter(g -> {
            synchronized (g) {
                return g.defaultSubGroup;
            }
        }).findFirst();
    }
}
