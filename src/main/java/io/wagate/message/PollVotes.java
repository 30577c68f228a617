package io.wagate.message;

import io.wagate.account.Principal;
import io.wagate.engine.OutgoingMessage;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.session.SessionService;
import java.util.HashSet;
import java.util.List;

/**
 * Votes on polls ({@code POST /v1/sendPollVote}). The vote is checked against the poll as this
 * session stored it, so a client learns of a wrong option at once instead of through a
 * {@code poll.vote.failed} on the other side. Tallies are kept on the stored poll by
 * {@link MessageService} as votes are reported, the session's own included.
 */
public final class PollVotes {
    private final MessageStore store;
    private final SessionService sessions;

    public PollVotes(MessageStore store, SessionService sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    public record Vote(String session, String chatId, String pollMessageId, List<String> votes) {}

    /** Votes (an empty list takes the vote back); answers with the poll as it now is, tally included. */
    public Message vote(Principal principal, Vote request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId chatId = ChatId.parse(request.chatId(), "chatId");
        var key = MessageIds.parse(request.pollMessageId(), "pollMessageId");
        var poll = store.find(session.id(), key.serialized()).orElseThrow(() -> ApiException.notFound(
                "message '" + request.pollMessageId() + "' not found in session '" + session.name() + "'"));
        if (!key.chatId().equals(chatId)) {
            throw ApiException.badRequest("pollMessageId must be a message of chat " + chatId);
        }
        if (poll.poll() == null) {
            throw ApiException.badRequest("pollMessageId names a " + poll.type() + " message, not a poll");
        }
        var votes = checked(request.votes(), poll.poll());
        // A vote enters no chat: nothing is handed over to store (it is reported as PollVoted).
        sessions.runWithEngine(session, engine -> engine.send(new OutgoingMessage.PollVote(chatId, key, votes),
                added -> { }));
        return store.find(session.id(), key.serialized()).orElseThrow();
    }

    private static List<String> checked(List<String> votes, Message.Poll poll) {
        if (votes == null) {
            throw ApiException.badRequest("votes is required (the options chosen; [] takes the vote back)");
        }
        for (String vote : votes) {
            if (vote == null || !poll.options().contains(vote)) {
                throw ApiException.badRequest("votes: '" + vote + "' is not an option of this poll (options: "
                        + String.join(", ", poll.options()) + ")");
            }
        }
        if (new HashSet<>(votes).size() != votes.size()) {
            throw ApiException.badRequest("votes must not name an option twice");
        }
        if (votes.size() > poll.selectableCount()) {
            throw ApiException.badRequest(poll.selectableCount() == 1
                    ? "votes: this poll allows one answer only"
                    : "votes: this poll allows at most " + poll.selectableCount() + " answers");
        }
        return List.copyOf(votes);
    }
}
