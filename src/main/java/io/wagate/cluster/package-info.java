/**
 * Several wagate nodes on one PostgreSQL store: each session is run by the node holding its lease, and every
 * owner-only write is fenced by the lease's generation. A single node uses none of this; the session package
 * sees it only through {@link io.wagate.session.SessionOwnership} and {@link io.wagate.session.OwnerFence}.
 * See docs/ARCHITECTURE.md ("Several nodes") and the README ("Running several nodes").
 */
package io.wagate.cluster;
