package io.wagate.cluster;

import java.time.Instant;

/** A node as {@code GET /admin/nodes} shows it; {@code sessions}: the sessions it holds a current lease of. */
public record NodeView(String name, String url, Instant heartbeatAt, boolean alive, long sessions, boolean draining,
                       boolean self) {}
