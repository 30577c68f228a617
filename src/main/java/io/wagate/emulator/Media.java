package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import java.util.List;

/** Media: the {@code media_conn} answer (an upload host comes with the HTTPS media server). */
final class Media {
    Node mediaConn() {
        return new Node("media_conn", Node.attrsOf("auth", "emulator", "ttl", "3600", "auth_ttl", "3600", "max_buckets", "1"),
                List.of(new Node("host", Node.attrsOf("hostname", "127.0.0.1"))));
    }
}
