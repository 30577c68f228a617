package io.wagate.engine.sandbox;

import io.wagate.engine.ChannelInfo;
import io.wagate.engine.ChannelOperations;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.ids.ChatId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Channels on the sandbox network. Rules: anyone may get, preview and follow an existing channel
 * (channels are public); only its owner posts (by sending to its {@code @newsletter} id), edits or
 * deletes posts, and deletes the channel. Posts are not pushed into followers' chats; they read
 * them with the preview, which carries a post's text and kind but not its media file (the owner's
 * own history has that). In memory, guarded by this object's lock; the newest
 * {@value #MAX_POSTS} posts of each channel are kept.
 */
final class SandboxChannels {
    static final int MAX_POSTS = 1000;

    private static final class Channel {
        final ChatId id;
        final String owner;
        final String name;
        final String description;
        final Instant createdAt;
        final String inviteCode;
        final Set<String> followers = new LinkedHashSet<>();
        /** Oldest first. */
        final List<EngineMessage> posts = new ArrayList<>();

        Channel(ChatId id, String owner, String name, String description, Instant createdAt, String inviteCode) {
            this.id = id;
            this.owner = owner;
            this.name = name;
            this.description = description;
            this.createdAt = createdAt;
            this.inviteCode = inviteCode;
        }

        ChannelInfo infoFor(String number) {
            String role = owner.equals(number) ? "OWNER" : followers.contains(number) ? "SUBSCRIBER" : "GUEST";
            return new ChannelInfo(id, name, description, role, followers.size(),
                    Optional.of("https://whatsapp.com/channel/" + inviteCode), createdAt);
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<ChatId, Channel> byId = new HashMap<>();

    SandboxChannels(Clock clock) {
        this.clock = clock;
    }

    ChannelOperations actingAs(Supplier<String> me) {
        return new Operations(me);
    }

    /** Refuses a post (or an edit or delete of one) by anyone but the channel's owner. */
    synchronized void requireOwner(String number, ChatId channelId) {
        ownedBy(number, channelId, "post to it");
    }

    /** The owner posted {@code sent} (as the owner's session stored it). */
    synchronized void post(EngineMessage sent) {
        var channel = byId.get(sent.key().chatId());
        if (channel != null) {
            channel.posts.add(sent);
            if (channel.posts.size() > MAX_POSTS) {
                channel.posts.removeFirst();
            }
        }
    }

    synchronized void edit(MessageKey key, String newBody) {
        var channel = byId.get(key.chatId());
        if (channel != null) {
            channel.posts.replaceAll(post -> post.key().id().equals(key.id()) ? post.withBody(newBody) : post);
        }
    }

    synchronized void revoke(MessageKey key) {
        var channel = byId.get(key.chatId());
        if (channel != null) {
            channel.posts.removeIf(post -> post.key().id().equals(key.id()));
        }
    }

    private final class Operations implements ChannelOperations {
        private final Supplier<String> me;

        Operations(Supplier<String> me) {
            this.me = me;
        }

        @Override
        public List<ChannelInfo> list() {
            String number = me.get();
            synchronized (SandboxChannels.this) {
                return byId.values().stream()
                        .filter(c -> c.owner.equals(number) || c.followers.contains(number))
                        .sorted(java.util.Comparator.comparing((Channel c) -> c.createdAt).thenComparing(c -> c.id))
                        .map(c -> c.infoFor(number)).toList();
            }
        }

        @Override
        public ChannelInfo create(String name, Optional<String> description) {
            String number = me.get();
            synchronized (SandboxChannels.this) {
                ChatId id;
                do {
                    id = ChatId.of(SandboxNetwork.serverId(random) + "@newsletter");
                } while (byId.containsKey(id));
                var channel = new Channel(id, number, name, description.orElse(""), clock.instant(),
                        SandboxNetwork.inviteCode(random));
                byId.put(channel.id, channel);
                return channel.infoFor(number);
            }
        }

        @Override
        public ChannelInfo get(ChatId channelId) {
            String number = me.get();
            synchronized (SandboxChannels.this) {
                return existing(channelId).infoFor(number);
            }
        }

        @Override
        public void delete(ChatId channelId) {
            String number = me.get();
            synchronized (SandboxChannels.this) {
                byId.remove(ownedBy(number, channelId, "delete it").id);
            }
        }

        @Override
        public List<EngineMessage> preview(ChatId channelId, int limit) {
            String number = me.get();
            synchronized (SandboxChannels.this) {
                var channel = existing(channelId);
                return channel.posts.reversed().stream().limit(limit)
                        .map(post -> channel.owner.equals(number) ? post : asSeenByOthers(post)).toList();
            }
        }

        @Override
        public ChannelInfo follow(ChatId channelId) {
            String number = me.get();
            synchronized (SandboxChannels.this) {
                var channel = notOwnedBy(number, channelId);
                channel.followers.add(number);
                return channel.infoFor(number);
            }
        }

        @Override
        public void unfollow(ChatId channelId) {
            String number = me.get();
            synchronized (SandboxChannels.this) {
                notOwnedBy(number, channelId).followers.remove(number);
            }
        }
    }

    /** A post as anyone but its owner sees it: from the channel, not from me. */
    private static EngineMessage asSeenByOthers(EngineMessage post) {
        var key = new MessageKey(post.key().chatId(), false, post.key().id(), Optional.empty());
        return new EngineMessage(key, post.timestamp(), post.key().chatId(), post.key().chatId(),
                EngineMessage.Source.APP, post.type(), post.body(), post.media(), post.location(), post.vCards(),
                post.poll(), post.replyTo(), post.ack());
    }

    /** Must hold the lock. */
    private Channel existing(ChatId channelId) {
        var channel = byId.get(channelId);
        if (channel == null) {
            throw new EngineException(EngineException.Reason.NOT_FOUND, "channel " + channelId + " not found");
        }
        return channel;
    }

    /** Must hold the lock: owners neither follow nor unfollow their own channel. */
    private Channel notOwnedBy(String number, ChatId channelId) {
        var channel = existing(channelId);
        if (channel.owner.equals(number)) {
            throw new EngineException(EngineException.Reason.CONFLICT, "you own channel " + channelId
                    + "; owners neither follow nor unfollow their channel");
        }
        return channel;
    }

    private Channel ownedBy(String number, ChatId channelId, String what) {
        var channel = existing(channelId);
        if (!channel.owner.equals(number)) {
            throw new EngineException(EngineException.Reason.REFUSED, "only the channel's owner can " + what);
        }
        return channel;
    }
}
