package io.wagate.mcp;

import static io.wagate.mcp.InputSchema.integer;
import static io.wagate.mcp.InputSchema.string;
import static io.wagate.mcp.InputSchema.strings;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.wagate.chat.ChatService;
import io.wagate.contact.ContactService;
import io.wagate.engine.GroupOperations.ParticipantAction;
import io.wagate.group.GroupService;
import io.wagate.ids.ChatId;
import io.wagate.mcp.ToolCalls.Kind;
import java.util.List;

/** Tools about chats, numbers and groups: the chats, contacts and groups routes of {@code /v1}. */
final class ChatTools {
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    record PageArgs(String session, Integer limit, Integer offset) {}

    record CheckNumberArgs(String session, String phone) {}

    record GroupArgs(String session, String groupId) {}

    record CreateGroupArgs(String session, String name, List<String> participants, String description) {}

    record ParticipantsArgs(String session, String groupId, List<String> participants) {}

    private final ChatService chats;
    private final ContactService contacts;
    private final GroupService groups;
    private final ToolCalls calls;

    ChatTools(ChatService chats, ContactService contacts, GroupService groups, ToolCalls calls) {
        this.chats = chats;
        this.contacts = contacts;
        this.groups = groups;
        this.calls = calls;
    }

    List<SyncToolSpecification> tools() {
        return List.of(
                calls.tool("list_chats", "The session's chats, pinned first, then the most recent: id, name, unread count, "
                                + "archived, pinned, muted until, and the last message. Use a chat's id with get_messages and the send tools.",
                        page(), Kind.READ, PageArgs.class,
                        (principal, args) -> calls.json(chats.list(principal, args.session(), new ChatService.ListQuery(
                                ToolCalls.orDefault(args.limit(), DEFAULT_PAGE), ToolCalls.orDefault(args.offset(), 0),
                                null, null, null)))),
                calls.tool("check_number", "Whether a phone number has WhatsApp, and its chat id if it has.",
                        InputSchema.object().session()
                                .required("phone", string("Digits with country code, e.g. \"14155550123\".")),
                        Kind.READ, CheckNumberArgs.class,
                        (principal, args) -> calls.json(contacts.checkExists(principal, args.session(), args.phone()))),
                calls.tool("list_groups", "The groups the session is a member of: id, subject, participants.",
                        page(), Kind.READ, PageArgs.class,
                        (principal, args) -> calls.json(groups.list(principal, args.session(), new GroupService.Page(
                                ToolCalls.orDefault(args.limit(), DEFAULT_PAGE), ToolCalls.orDefault(args.offset(), 0), null, null)))),
                calls.tool("get_group", "One group: subject, description, owner, participants with their admin "
                                + "roles, and its settings.",
                        InputSchema.object().session().required("groupId", group()), Kind.READ, GroupArgs.class,
                        (principal, args) -> calls.json(groups.get(principal, args.session(),
                                ChatId.group(args.groupId(), "groupId")))),
                calls.tool("create_group", "Creates a group with the session as its admin.",
                        InputSchema.object().session().required("name", string("The group's subject."))
                                .required("participants", strings("Members to add: phone chat ids "
                                        + "(\"14155550123@c.us\")."))
                                .optional("description", string("The group's description.")),
                        Kind.WRITE, CreateGroupArgs.class,
                        (principal, args) -> calls.json(groups.create(principal, args.session(), args.name(),
                                args.participants(), args.description()))),
                calls.tool("add_participants", "Adds members to a group the session administers; answers one "
                                + "outcome per participant (status 200 added, 403, 404 not on WhatsApp, 409 already in).",
                        participants(), Kind.WRITE, ParticipantsArgs.class,
                        (principal, args) -> calls.json(groups.updateParticipants(principal, args.session(),
                                ChatId.group(args.groupId(), "groupId"), ParticipantAction.ADD, args.participants()))),
                calls.tool("remove_participants", "Removes members from a group the session administers; answers "
                                + "one outcome per participant.",
                        participants(), Kind.DESTRUCTIVE, ParticipantsArgs.class,
                        (principal, args) -> calls.json(groups.updateParticipants(principal, args.session(),
                                ChatId.group(args.groupId(), "groupId"), ParticipantAction.REMOVE,
                                args.participants()))));
    }

    private static InputSchema page() {
        return InputSchema.object().session()
                .optional("limit", integer("How many, 1 to 100 (default 20).", 1, MAX_PAGE))
                .optional("offset", integer("How many to skip (default 0).", 0, Integer.MAX_VALUE));
    }

    private static InputSchema participants() {
        return InputSchema.object().session().required("groupId", group())
                .required("participants", strings("Phone chat ids, e.g. \"14155550123@c.us\"."));
    }

    private static java.util.Map<String, Object> group() {
        return string("The group's id, \"<id>@g.us\", as list_groups shows it.");
    }

}
