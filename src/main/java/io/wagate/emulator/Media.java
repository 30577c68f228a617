package io.wagate.emulator;

import io.wagate.emulator.stopgap.Node;
import java.util.List;

/** Media: the {@code media_conn} answer (an upload host comes with the HTTPS media server). */
final class Media {
    Node mediaConn() {
        return Node.of("media_conn", Node.attrs("auth", "emulator", "ttl", "3600", "auth_ttl", "3600", "max_buckets", "1"),
                List.of(Node.of("host", Node.attrs("hostname", "127.0.0.1"))));
    }
}
