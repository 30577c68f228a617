package io.wagate.simple;

import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.group.GroupService;
import io.wagate.ids.ChatId;
import io.wagate.media.IncomingMedia;
import io.wagate.media.MediaIntake;
import io.wagate.message.MediaMessages;
import io.wagate.message.Message;
import io.wagate.message.MessageService;
import io.wagate.message.Reactions;
import io.wagate.session.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simple API as a second door to the v1 services: each call checks the fields as
 * this API names them, then hands the request to the message, media or group service and shapes
 * the answer. Nothing is sent here that the v1 API would not send the same way.
 */
public final class SimpleMessages {
    /** A text field of a form (a caption: WhatsApp's 65,535 characters, up to 4 bytes each). */
    private static final int MAX_FIELD_BYTES = 4 * MessageService.MAX_TEXT_LENGTH;

    private final MessageService messages;
    private final MediaMessages media;
    private final MediaIntake intake;
    private final GroupService groups;
    private final MessageKeys keys;

    public SimpleMessages(MessageService messages, MediaMessages media, MediaIntake intake, GroupService groups) {
        this.messages = messages;
        this.media = media;
        this.intake = intake;
        this.groups = groups;
        this.keys = new MessageKeys(messages);
    }

    public SimpleReplies.Done text(Principal principal, Session session, SimpleRequests.Text request) {
        ChatId chatId = Recipients.chatId(request.number(), request.group());
        String text = MessageService.requireText(request.message(), "message");
        var sent = messages.sendText(principal, new MessageService.SendText(session.name(), chatId.value(), text, List.of(),
                null, false, false));
        return SimpleReplies.Done.of("Message sent successfully", sent.id());
    }

    public SimpleReplies.Done location(Principal principal, Session session, SimpleRequests.SendLocation request) {
        ChatId chatId = Recipients.chatId(request.number(), request.group());
        var location = request.location();
        if (location == null) {
            throw ApiException.badRequest("location is required: {degreesLatitude, degreesLongitude, name?, address?}");
        }
        double latitude = MessageService.coordinate(location.degreesLatitude(), "location.degreesLatitude", 90);
        double longitude = MessageService.coordinate(location.degreesLongitude(), "location.degreesLongitude", 180);
        Fields.limited(location.name(), "location.name", MessageService.MAX_LOCATION_TEXT);
        Fields.limited(location.address(), "location.address", MessageService.MAX_LOCATION_TEXT);
        var sent = messages.sendLocation(principal, new MessageService.SendLocation(session.name(), chatId.value(), latitude,
                longitude, location.name(), location.address(), null));
        return SimpleReplies.Done.of("Location sent successfully", sent.id());
    }

    public SimpleReplies.Done poll(Principal principal, Session session, SimpleRequests.Poll request) {
        ChatId chatId = Recipients.chatId(request.number(), request.group());
        String name = Fields.limited(MessageService.requireText(request.name(), "name"), "name",
                MessageService.MAX_POLL_NAME);
        var values = MessageService.pollOptions(request.values(), "values");
        int selectable = request.selectableCount() == null ? 1 : request.selectableCount();
        if (selectable < 1 || selectable > values.size()) {
            throw ApiException.badRequest("selectableCount must be between 1 and the number of values (" + values.size()
                    + ")");
        }
        var sent = messages.sendPoll(principal, new MessageService.SendPoll(session.name(), chatId.value(), name, values,
                selectable, Boolean.TRUE.equals(request.toAnnouncementGroup()), null));
        return SimpleReplies.Done.of("Poll sent successfully", sent.id());
    }

    /** Answers with the message reacted to. */
    public SimpleReplies.Done react(Principal principal, Session session, SimpleRequests.React request) {
        ChatId chatId = Recipients.chatId(request.number(), request.group());
        String emoji = Reactions.emoji(request.emoji(), "emoji");
        String id = keys.resolve(principal, session.name(), chatId, request.messageKey());
        var reacted = messages.react(principal, session.name(), id, emoji);
        return SimpleReplies.Done.of(emoji.isEmpty() ? "Reaction removed successfully" : "Reaction sent successfully",
                reacted.id());
    }

    /** Deletes one of the session's own messages for everyone; answers with the deleted message. */
    public SimpleReplies.Done delete(Principal principal, Session session, SimpleRequests.Delete request) {
        ChatId chatId = Recipients.chatId(request.number(), request.group());
        String id = keys.resolve(principal, session.name(), chatId, request.messageKey());
        messages.revoke(principal, session.name(), chatId.value(), id);
        return SimpleReplies.Done.of("Message deleted successfully", id);
    }

    public SimpleReplies.Groups groups(Principal principal, Session session) {
        return new SimpleReplies.Groups(groups.all(principal, session.name()).stream()
                .map(g -> new SimpleReplies.GroupSummary(g.id(), g.subject(), g.size())).toList());
    }

    /**
     * Sends the files of a multipart upload, one message each. Every file is streamed into the
     * media intake (sniffed, size-limited) and every field checked before the first is sent, so a
     * wrong file or field sends nothing; the temp files are gone afterwards whatever happened.
     */
    public SimpleReplies.MediaSent media(Principal principal, Session session, MediaEndpoint endpoint,
                                         FormParts parts) {
        var received = new ArrayList<IncomingMedia>();
        try {
            var fields = receive(endpoint, parts, received);
            ChatId chatId = Recipients.chatId(fields.get("number"), fields.get("group"));
            String caption = fields.get("caption");
            if (caption != null) {
                Fields.atMost(caption, "caption", MessageService.MAX_TEXT_LENGTH);
            }
            boolean voice = FormFlags.parse(fields.get("voice"), "voice");
            var options = new MediaMessages.Options(caption, null, FormFlags.parse(fields.get("gif"), "gif"),
                    FormFlags.parse(fields.get("viewOnce"), "viewOnce"), voice);
            var ids = new ArrayList<String>();
            while (!received.isEmpty()) {
                Message sent = media.sendReceived(principal, session.name(), endpoint.kind(voice), chatId.value(),
                        received.removeFirst(), options);
                ids.add(sent.id());
            }
            return SimpleReplies.MediaSent.of(ids);
        } finally {
            received.forEach(IncomingMedia::close);
        }
    }

    /** Reads every part: files into the intake (added to {@code received}), text fields into the map returned. */
    private Map<String, String> receive(MediaEndpoint endpoint, FormParts parts, List<IncomingMedia> received) {
        var fields = new HashMap<String, String>();
        for (var next = parts.next(); next.isPresent(); next = parts.next()) {
            var part = next.get();
            if (endpoint.isFileField(part.name())) {
                if (received.size() == endpoint.maxFiles()) {
                    throw ApiException.badRequest("too many files: at most " + endpoint.maxFiles() + " "
                            + endpoint.field() + " per request");
                }
                received.add(intake.fromStream(part.content(), part.contentType(), part.filename(),
                        endpoint.intakeKind()));
            } else if (endpoint.isTextField(part.name())) {
                if (fields.putIfAbsent(part.name(), part.text(MAX_FIELD_BYTES)) != null) {
                    throw ApiException.badRequest("field '" + part.name() + "' is given more than once");
                }
            } else {
                throw ApiException.badRequest("unknown field '" + part.name() + "': this endpoint takes "
                        + endpoint.fields());
            }
        }
        if (received.isEmpty()) {
            throw ApiException.badRequest(endpoint.required());
        }
        return fields;
    }
}
