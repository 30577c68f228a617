package io.wagate.mcp;

import static io.wagate.mcp.InputSchema.bool;
import static io.wagate.mcp.InputSchema.chatId;
import static io.wagate.mcp.InputSchema.integer;
import static io.wagate.mcp.InputSchema.number;
import static io.wagate.mcp.InputSchema.string;
import static io.wagate.mcp.InputSchema.strings;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.wagate.error.ApiException;
import io.wagate.mcp.ToolCalls.Kind;
import io.wagate.media.MediaIntake;
import io.wagate.message.MediaMessages;
import io.wagate.message.MessageService;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tools that send and read messages: the {@code /v1/send*}, reaction, sendSeen and messages routes. */
final class MessageTools {
    static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    record SendTextArgs(String session, String chatId, String text, String replyTo) {}

    record SendFileArgs(String session, String chatId, String url, String data, String mimetype, String filename,
                        String caption) {}

    record SendLocationArgs(String session, String chatId, Double latitude, Double longitude, String title) {}

    record SendPollArgs(String session, String chatId, String name, List<String> options, Boolean multipleAnswers) {}

    record GetMessagesArgs(String session, String chatId, Integer limit, Integer offset) {}

    record ReactArgs(String session, String messageId, String reaction) {}

    record MarkReadArgs(String session, String chatId, List<String> messageIds) {}

    private final MessageService messages;
    private final MediaMessages media;
    private final ToolCalls calls;

    MessageTools(MessageService messages, MediaMessages media, ToolCalls calls) {
        this.messages = messages;
        this.media = media;
        this.calls = calls;
    }

    List<SyncToolSpecification> tools() {
        return List.of(
                calls.tool("send_text", "Sends a text message from a WORKING session. Answers the stored message "
                                + "(its id, ack 1 SERVER once WhatsApp took it; it rises to DEVICE and READ later).",
                        InputSchema.object().session().required("chatId", chatId())
                                .required("text", string("The text; WhatsApp formatting (*bold*, _italic_) works."))
                                .optional("replyTo", string("The id of a message of the same chat to quote.")),
                        Kind.WRITE, SendTextArgs.class,
                        (principal, args) -> calls.json(messages.sendText(principal, new MessageService.SendText(
                                args.session(), args.chatId(), args.text(), null, args.replyTo(), false, false)))),
                calls.tool("send_image", "Sends an image (JPEG, PNG or WebP) with an optional caption. Give the image "
                                + "as a public https URL (url) or as base64 (data, with mimetype).",
                        fileSchema(), Kind.WRITE, SendFileArgs.class,
                        (principal, args) -> calls.json(sendFile(principal, MediaMessages.Kind.IMAGE, args))),
                calls.tool("send_file", "Sends any file as a document (PDF, spreadsheet, archive...), shown with its "
                                + "file name. Give it as a public https URL (url) or as base64 (data, with mimetype).",
                        fileSchema(), Kind.WRITE, SendFileArgs.class,
                        (principal, args) -> calls.json(sendFile(principal, MediaMessages.Kind.FILE, args))),
                calls.tool("send_location", "Sends a location pin.",
                        InputSchema.object().session().required("chatId", chatId())
                                .required("latitude", number("Latitude in degrees, -90 to 90."))
                                .required("longitude", number("Longitude in degrees, -180 to 180."))
                                .optional("title", string("A name shown with the pin.")),
                        Kind.WRITE, SendLocationArgs.class,
                        (principal, args) -> calls.json(messages.sendLocation(principal, new MessageService.SendLocation(
                                args.session(), args.chatId(), args.latitude(), args.longitude(), args.title(), null,
                                null)))),
                calls.tool("send_poll", "Sends a poll; votes arrive later and show in the poll message's results.",
                        InputSchema.object().session().required("chatId", chatId())
                                .required("name", string("The question."))
                                .required("options", strings("2 to 12 distinct answers."))
                                .optional("multipleAnswers", bool("true: a voter may pick several answers.")),
                        Kind.WRITE, SendPollArgs.class,
                        (principal, args) -> calls.json(sendPoll(principal, args))),
                calls.tool("get_messages", "Recent messages of a session, newest first: of one chat (chatId) or of "
                                + "all chats. Each has id, from, to, fromMe, type, body, ack and media details.",
                        InputSchema.object().session().optional("chatId", chatId())
                                .optional("limit", integer("How many, 1 to 100 (default 20).", 1, MAX_PAGE))
                                .optional("offset", integer("How many of the newest to skip (default 0).", 0,
                                        Integer.MAX_VALUE)),
                        Kind.READ, GetMessagesArgs.class,
                        (principal, args) -> calls.json(messages.list(principal, args.session(),
                                Optional.ofNullable(args.chatId()), ToolCalls.orDefault(args.limit(), DEFAULT_PAGE),
                                ToolCalls.orDefault(args.offset(), 0)))),
                calls.tool("react", "Reacts to a message with one emoji; an empty reaction removes the session's "
                                + "reaction.",
                        InputSchema.object().session()
                                .required("messageId", string("The id of the message, as get_messages shows it."))
                                .required("reaction", string("One emoji, e.g. \"👍\", or \"\" to remove.")),
                        Kind.WRITE, ReactArgs.class,
                        (principal, args) -> calls.json(messages.react(principal, args.session(), args.messageId(),
                                args.reaction()))),
                calls.tool("mark_read", "Marks messages of a chat as read (blue ticks for the sender): the given "
                                + "ones, or without messageIds every unread message of the chat.",
                        InputSchema.object().session().required("chatId", chatId())
                                .optional("messageIds", strings("Ids of received messages of this chat.")),
                        Kind.WRITE, MarkReadArgs.class,
                        (principal, args) -> {
                            messages.sendSeen(principal, args.session(), args.chatId(),
                                    args.messageIds() == null ? List.of() : args.messageIds());
                            return calls.json(Map.of("success", true));
                        }));
    }

    private io.wagate.message.Message sendFile(io.wagate.account.Principal principal, MediaMessages.Kind kind,
                                               SendFileArgs args) {
        if ((args.url() == null) == (args.data() == null)) {
            throw ApiException.badRequest("give the file as exactly one of url and data");
        }
        var file = new MediaIntake.FileInput(args.url(), args.data(), args.mimetype(), args.filename());
        return media.send(principal, kind, new MediaMessages.SendMedia(args.session(), args.chatId(), file,
                args.caption(), null, false, false, false));
    }

    private io.wagate.message.Message sendPoll(io.wagate.account.Principal principal, SendPollArgs args) {
        int selectable = MessageService.SendPoll.selectableFor(args.options(), args.multipleAnswers());
        return messages.sendPoll(principal, new MessageService.SendPoll(args.session(), args.chatId(), args.name(),
                args.options(), selectable, false, null));
    }

    private static InputSchema fileSchema() {
        return InputSchema.object().session().required("chatId", chatId())
                .optional("url", string("A public http(s) URL wagate downloads the file from."))
                .optional("data", string("The file's bytes in base64 (instead of url)."))
                .optional("mimetype", string("The file's MIME type, e.g. \"image/png\"; found from the bytes if left out."))
                .optional("filename", string("The file name the recipient sees."))
                .optional("caption", string("Text shown with the file."));
    }

}
