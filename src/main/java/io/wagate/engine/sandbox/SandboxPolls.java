package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineListener;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.ids.ChatId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Polls and votes on the sandbox network. Rules: a vote goes to the poll's chat — the chat partner,
 * or every other member of a group — and the voter's own session counts it at once. Each receiving
 * session checks the vote against the poll as the network knows it: a vote for an option the poll
 * does not have, for more options than it allows, or on a poll the network does not know (sent
 * before a restart of wagate, or one of more than {@value #MAX_TRACKED} newer polls ago) arrives as
 * a failed vote. Votes in channels are not supported.
 */
final class SandboxPolls {
    static final int MAX_TRACKED = 10_000;

    private record Known(List<String> options, int selectableCount) {}

    private final SandboxNetwork network;
    private final Executor delivery;
    private final Clock clock;
    /** By WhatsApp message id, which the poll keeps in every member's copy. */
    private final Map<String, Known> polls = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    SandboxPolls(SandboxNetwork network, Executor delivery, Clock clock) {
        this.network = network;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** A poll was sent: its votes can be checked from now on. */
    synchronized void remember(EngineMessage message) {
        message.poll().ifPresent(poll -> polls.put(message.key().id(),
                new Known(List.copyOf(poll.options()), poll.selectableCount())));
    }

    /**
     * {@code voterNumber}'s session votes (it holds its lock): counted there at once, then relayed
     * to the chat. Returns the vote as the voter sent it.
     */
    EngineMessage vote(String voterNumber, OutgoingMessage.PollVote vote, EngineListener voterListener) {
        ChatId chatId = vote.chatId();
        if (chatId.isGroup()) {
            network.groups().requireMember(voterNumber, chatId);
        } else if (chatId.phone().orElse(null) == null) {
            throw EngineException.unsupported(SandboxEngine.NAME, "poll votes in " + chatId);
        }
        var key = new MessageKey(chatId, true, network.newMessageId(), Optional.empty());
        var at = clock.instant();
        ChatId voter = ChatId.ofPhone(voterNumber);
        voterListener.onEvent(new EngineEvent.PollVoted(key, voter, chatId, vote.pollMessage(),
                vote.selectedOptions(), at));
        var recipients = chatId.isGroup() ? network.groups().othersOf(chatId, voterNumber)
                : List.of(chatId.phone().orElse(null));
        delivery.execute(() -> recipients.forEach(recipient -> network.reach(recipient).ifPresent(
                session -> session.applyChange(arriving(recipient, voterNumber, key, vote, at)))));
        return new EngineMessage(key, at, voter, chatId, EngineMessage.Source.API, EngineMessage.Type.POLL_VOTE, "",
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Ack.SERVER);
    }

    /** The vote as {@code recipient}'s session sees it: counted, or failed with the reason. */
    private EngineEvent arriving(String recipient, String voterNumber, MessageKey voterKey,
                                 OutgoingMessage.PollVote vote, Instant at) {
        boolean group = vote.chatId().isGroup();
        ChatId voter = ChatId.ofPhone(voterNumber);
        var voteKey = group ? new MessageKey(vote.chatId(), false, voterKey.id(), Optional.of(voter))
                : new MessageKey(voter, false, voterKey.id(), Optional.empty());
        var pollKey = pollAsSeenBy(recipient, voterNumber, vote.pollMessage());
        return problem(vote.pollMessage().id(), vote.selectedOptions())
                .<EngineEvent>map(reason -> new EngineEvent.PollVoteFailed(voteKey, voter, pollKey, reason))
                .orElseGet(() -> new EngineEvent.PollVoted(voteKey, voter, group ? vote.chatId() : ChatId.ofPhone(recipient),
                        pollKey, vote.selectedOptions(), at));
    }

    private synchronized Optional<String> problem(String pollId, List<String> selected) {
        var poll = polls.get(pollId);
        if (poll == null) {
            return Optional.of("the poll is not known (it may have been sent before wagate restarted)");
        }
        var unknown = selected.stream().filter(option -> !poll.options().contains(option)).findFirst();
        if (unknown.isPresent()) {
            return Optional.of("'" + unknown.get() + "' is not an option of the poll");
        }
        if (selected.size() > poll.selectableCount()) {
            return Optional.of("the poll allows at most " + poll.selectableCount() + " answer(s)");
        }
        return Optional.empty();
    }

    /**
     * The poll's key in {@code recipient}'s chat, from the voter's key: who wrote the poll decides
     * {@code fromMe}, and in groups the author is the participant of everyone else's copy.
     */
    static MessageKey pollAsSeenBy(String recipient, String voterNumber, MessageKey voterKey) {
        if (voterKey.chatId().isGroup()) {
            ChatId author = voterKey.fromMe() ? ChatId.ofPhone(voterNumber) : voterKey.participant().orElse(null);
            return ChatId.ofPhone(recipient).equals(author)
                    ? new MessageKey(voterKey.chatId(), true, voterKey.id(), Optional.empty())
                    : new MessageKey(voterKey.chatId(), false, voterKey.id(), Optional.of(author));
        }
        // A personal chat: the recipient wrote the poll exactly when the voter did not.
        return new MessageKey(ChatId.ofPhone(voterNumber), !voterKey.fromMe(), voterKey.id(), Optional.empty());
    }
}
