package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.util.List;
import java.util.Optional;

/**
 * WhatsApp channels (newsletters) through one session; ids are {@code …@newsletter}. Channels are
 * public: any session may get, preview and follow an existing one; only its owner may delete it
 * or post to it ({@link EngineException.Reason#REFUSED} otherwise).
 */
public interface ChannelOperations {
    /** The channels the session owns or follows. */
    List<ChannelInfo> list();

    ChannelInfo create(String name, Optional<String> description);

    ChannelInfo get(ChatId channelId);

    void delete(ChatId channelId);

    /** The channel's posts, newest first. */
    List<EngineMessage> preview(ChatId channelId, int limit);

    /** Follows the channel (idempotent); returns it as the session now sees it. */
    ChannelInfo follow(ChatId channelId);

    /** Stops following the channel (idempotent). */
    void unfollow(ChatId channelId);
}
