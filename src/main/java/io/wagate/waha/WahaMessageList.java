package io.wagate.waha;

import static io.wagate.http.Auth.principal;

import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.http.Query;
import io.wagate.message.MessageService;
import java.util.List;
import java.util.Optional;

/**
 * WAHA's message list ({@code GET /api/messages} and {@code GET /api/{session}/chats/{chatId}/messages}): newest
 * first, {@code limit} 10 and {@code downloadMedia} true unless given, as WAHA's. Its {@code filter.*} and
 * ascending order answer 501 (wagate's history pages newest first only); {@code merge} has no effect: a chat's
 * messages are stored under one chat id.
 */
final class WahaMessageList {
    private static final int DEFAULT_LIMIT = 10;
    private static final List<String> FILTERS = List.of("filter.timestamp.lte", "filter.timestamp.gte",
            "filter.fromMe", "filter.ack");

    private final MessageService messages;

    WahaMessageList(MessageService messages) {
        this.messages = messages;
    }

    void answer(Context ctx, String session, String chatId) {
        for (var filter : FILTERS) {
            if (ctx.queryParam(filter) != null) {
                throw ApiException.notImplemented("filtering a chat's messages (" + filter + "): wagate pages them "
                        + "newest first with limit and offset");
            }
        }
        String order = Optional.ofNullable(ctx.queryParam("sortOrder")).orElse("desc");
        if (order.equals("asc")) {
            throw ApiException.notImplemented("sortOrder=asc: wagate pages a chat's messages newest first");
        }
        if (!order.equals("desc")) {
            throw ApiException.badRequest("sortOrder must be desc or asc");
        }
        String sortBy = Optional.ofNullable(ctx.queryParam("sortBy")).orElse("timestamp");
        if (!sortBy.equals("timestamp") && !sortBy.equals("messageTimestamp")) {
            throw ApiException.badRequest("sortBy must be timestamp or messageTimestamp");
        }
        boolean download = !"false".equalsIgnoreCase(ctx.queryParam("downloadMedia"));
        ctx.json(WahaMessage.of(messages.list(principal(ctx), session, Optional.of(chatId),
                Query.intParam(ctx, "limit", DEFAULT_LIMIT), Query.intParam(ctx, "offset", 0), download)));
    }
}
