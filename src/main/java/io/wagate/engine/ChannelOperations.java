package io.wagate.engine;

import java.util.List;
import java.util.Optional;

/** WhatsApp channels (newsletters) through one session; ids are {@code …@newsletter}. */
public interface ChannelOperations {
    List<ChannelInfo> list();

    ChannelInfo create(String name, Optional<String> description);

    ChannelInfo get(String channelId);

    void delete(String channelId);

    List<EngineMessage> preview(String channelId, int limit);
}
