/**
 * The running wagate processes, single or clustered: every start registers an instance, so work claimed by a
 * start that crashed (an idempotency claim) is known to be abandoned. Cluster membership and leases build on it
 * in {@code io.wagate.cluster}.
 */
package io.wagate.node;
