package io.wagate.engine;

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

    ChannelInfo get(String channelId);

    void delete(String channelId);

    /** The channel's posts, newest first. */
    List<EngineMessage> preview(String channelId, int limit);

    /** Follows the channel (idempotent); returns it as the session now sees it. */
    ChannelInfo follow(String channelId);

    /** Stops following the channel (idempotent). */
    void unfollow(String channelId);
}
