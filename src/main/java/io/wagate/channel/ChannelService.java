package io.wagate.channel;

import io.wagate.account.Principal;
import io.wagate.engine.ChannelOperations;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.ids.ChatId;
import io.wagate.message.Message;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Channels (newsletters) of a session: the ones it owns or follows, creating
 * and deleting its own, reading any channel's latest posts. Posting is sending a message to the
 * channel's id (see the message service).
 */
public final class ChannelService {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2048;
    public static final int MAX_PREVIEW = 100;

    private final SessionService sessions;

    public ChannelService(SessionService sessions) {
        this.sessions = sessions;
    }

    public List<Channel> list(Principal principal, String sessionName) {
        return call(sessions.get(principal, sessionName), ChannelOperations::list).stream().map(Channel::of).toList();
    }

    public Channel create(Principal principal, String sessionName, String rawName, String description) {
        String name = Fields.requiredText(rawName, "name", MAX_NAME);
        var about = Optional.ofNullable(description).map(d -> Fields.atMost(d, "description", MAX_DESCRIPTION));
        return Channel.of(call(sessions.get(principal, sessionName), channels -> channels.create(name, about)));
    }

    public Channel get(Principal principal, String sessionName, ChatId id) {
        return Channel.of(call(sessions.get(principal, sessionName), channels -> channels.get(id)));
    }

    public void delete(Principal principal, String sessionName, ChatId id) {
        run(sessions.get(principal, sessionName), channels -> channels.delete(id));
    }

    /** The channel's latest posts, newest first. */
    public List<Message> preview(Principal principal, String sessionName, ChatId id, int limit) {
        if (limit < 1 || limit > MAX_PREVIEW) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PREVIEW);
        }
        return call(sessions.get(principal, sessionName), channels -> channels.preview(id, limit)).stream()
                .map(Message::of).toList();
    }

    public Channel follow(Principal principal, String sessionName, ChatId id) {
        return Channel.of(call(sessions.get(principal, sessionName), channels -> channels.follow(id)));
    }

    public void unfollow(Principal principal, String sessionName, ChatId id) {
        run(sessions.get(principal, sessionName), channels -> channels.unfollow(id));
    }

    private <T> T call(Session session, Function<ChannelOperations, T> operation) {
        return sessions.withEngine(session, engine -> operation.apply(engine.channels()));
    }

    private void run(Session session, Consumer<ChannelOperations> command) {
        sessions.runWithEngine(session, engine -> command.accept(engine.channels()));
    }

}
