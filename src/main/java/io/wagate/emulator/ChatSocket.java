package io.wagate.emulator;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;

/** Adapts Javalin's WebSocket callbacks to one {@link ChatConnection} per socket. */
final class ChatSocket {
    private static final String CONNECTION = "emulator.connection";
    private final Switchboard switchboard;

    ChatSocket(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    void register(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
            ctx.attribute(CONNECTION, switchboard.connected(new JettyLink(ctx)));
        });
        ws.onBinaryMessage(ctx -> {
            ByteBuffer data = ctx.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            connection(ctx).received(bytes);
        });
        ws.onClose(ctx -> closed(ctx));
        ws.onError(ctx -> closed(ctx));
    }

    private static ChatConnection connection(WsContext ctx) {
        return ctx.attribute(CONNECTION);
    }

    private static void closed(WsContext ctx) {
        ChatConnection connection = connection(ctx);
        if (connection != null) {
            connection.closed();
        }
    }

    /** Writes one frame at a time and waits for it, so frames leave in the order their counters were taken. */
    private record JettyLink(WsContext ctx) implements ChatConnection.Link {
        @Override
        public void send(byte[] frame) {
            var done = new CompletableFuture<Void>();
            ctx.session.sendBinary(ByteBuffer.wrap(frame), Callback.from(() -> done.complete(null), done::completeExceptionally));
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                ctx.session.disconnect();
            }
        }

        @Override
        public void close() {
            ctx.session.disconnect();
        }
    }
}
