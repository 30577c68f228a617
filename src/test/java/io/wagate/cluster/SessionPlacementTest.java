package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config.ClusterConfig;
import io.wagate.node.NodeInstances;
import io.wagate.support.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Which node takes which session: no more than WAGATE_CLUSTER_MAX_SESSIONS, the rest by a node with room. */
class SessionPlacementTest {
    private static final Duration LEASE = Duration.ofSeconds(3);

    @Test
    void aFullNodeLeavesSessionsToTheOthersAndALiveNameIsRefused() {
        try (var storage = TestDatabase.Backend.POSTGRESQL.create()) {
            Jdbi jdbi = storage.open().jdbi();
            ClusterRows.accountWithSessions(jdbi, 5);
            var small = ClusterNode.join(jdbi, config("small", 2), "i1");
            var smallTook = new Taken();
            small.start(smallTook, "http://127.0.0.1:1");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> smallTook.ids.size() == 2);
                assertThat(small.sessionsHere()).isEqualTo(2);

                assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> ClusterNode.join(jdbi, config("small", 0), "i9")))
                        .isInstanceOf(NodeInstances.NameTaken.class).hasMessageContaining("already running");

                var big = ClusterNode.join(jdbi, config("big", 0), "i2");
                var bigTook = new Taken();
                big.start(bigTook, "http://127.0.0.1:2");
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() -> bigTook.ids.size() == 3);
                    assertThat(bigTook.ids).doesNotContainAnyElementsOf(smallTook.ids);
                    var nodes = big.nodes();
                    assertThat(nodes).extracting(NodeView::name).containsExactly("big", "small");
                    assertThat(nodes).extracting(NodeView::sessions).containsExactly(3L, 2L);
                    assertThat(nodes).extracting(NodeView::self).containsExactly(true, false);
                    assertThat(nodes).extracting(NodeView::url).containsExactly("http://127.0.0.1:2", "http://127.0.0.1:1");
                } finally {
                    big.close();
                }
            } finally {
                small.close();
            }
        }
    }

    @Test
    void aLeaseInTheNodesNameThatItDoesNotRunIsFreedAndTakenAgain() {
        try (var storage = TestDatabase.Backend.POSTGRESQL.create()) {
            Jdbi jdbi = storage.open().jdbi();
            ClusterRows.accountWithSessions(jdbi, 1);
            var node = ClusterNode.join(jdbi, config("solo", 0), "i1");
            var took = new Taken();
            // As a node finds its leases after it stopped its sessions for want of renewal: in its name, not run.
            jdbi.useHandle(h -> h.execute("INSERT INTO session_leases (session_id, owner_node, generation, expires_at) "
                    + "VALUES ('ses0', 'solo', 5, 9000000000000)"));
            node.start(took, "http://127.0.0.1:1");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> took.ids.contains("ses0"));
                long generation = jdbi.withHandle(h -> h.createQuery(
                        "SELECT generation FROM session_leases WHERE session_id = 'ses0'").mapTo(Long.class).one());
                assertThat(generation).as("taken again, not renewed as it was").isEqualTo(6L);
            } finally {
                node.close();
            }
        }
    }

    private static ClusterConfig config(String name, int maxSessions) {
        return new ClusterConfig(name, Optional.empty(), "placement-test-secret-0123", maxSessions, LEASE);
    }

    private static final class Taken implements LocalSessions {
        final Set<String> ids = ConcurrentHashMap.newKeySet();

        @Override
        public void takeUp(String sessionId) {
            ids.add(sessionId);
        }

        @Override
        public void release(String sessionId) {
            ids.remove(sessionId);
        }
    }
}
