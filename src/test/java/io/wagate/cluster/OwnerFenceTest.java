package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config.ClusterConfig;
import io.wagate.engine.SessionStatus;
import io.wagate.http.Json;
import io.wagate.session.EngineAuthStore;
import io.wagate.session.SessionStore;
import io.wagate.session.StaleOwnerException;
import io.wagate.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Two cluster nodes on one PostgreSQL: one holds a session and stops renewing (as a paused process does);
 * once the other took the lease, every owner-only write of the first is refused and changes nothing.
 */
class OwnerFenceTest {
    private static final Duration LEASE = Duration.ofSeconds(3);

    @Test
    void aNodeWhoseLeaseWasTakenCanWriteNeitherStatusNorAuthState() {
        try (var storage = TestDatabase.Backend.POSTGRESQL.create()) {
            Jdbi jdbi = storage.open().jdbi();
            ClusterRows.accountWithSessions(jdbi, 1);
            var first = ClusterNode.join(jdbi, config("first"), "i1");
            var firstTook = new Recorder();
            first.start(firstTook, "http://127.0.0.1:1");
            await().atMost(Duration.ofSeconds(10)).until(() -> first.isLocal("ses0"));
            var firstSessions = new SessionStore(jdbi, Json.mapper(), first, false);
            var firstAuth = new EngineAuthStore(jdbi, Clock.systemUTC(), first).forSession("ses0");
            firstSessions.recordStatus("ses0", SessionStatus.WORKING, Optional.empty(), Optional.empty(),
                    java.time.Instant.now());
            firstAuth.put("creds", "first");

            // "Paused": it stops renewing but still believes it holds the session.
            first.stopTaking();
            var second = ClusterNode.join(jdbi, config("second"), "i2");
            var secondTook = new Recorder();
            second.start(secondTook, "http://127.0.0.1:2");
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> second.isLocal("ses0"));
                assertThat(secondTook.taken).containsExactly("ses0");
                var secondSessions = new SessionStore(jdbi, Json.mapper(), second, false);
                secondSessions.recordStatus("ses0", SessionStatus.STARTING, Optional.empty(), Optional.empty(),
                        java.time.Instant.now());

                assertThatThrownBy(() -> firstSessions.recordStatus("ses0", SessionStatus.STOPPED, Optional.empty(),
                        Optional.empty(), java.time.Instant.now())).isInstanceOf(StaleOwnerException.class);
                assertThatThrownBy(() -> firstAuth.put("creds", "stale")).isInstanceOf(StaleOwnerException.class);
                assertThatThrownBy(() -> firstAuth.clear()).isInstanceOf(StaleOwnerException.class);

                assertThat(secondSessions.findById("ses0").orElseThrow().status()).isEqualTo(SessionStatus.STARTING);
                assertThat(new EngineAuthStore(jdbi, Clock.systemUTC(), second).forSession("ses0").get("creds"))
                        .contains("first");
                long generation = jdbi.withHandle(h -> h.createQuery(
                        "SELECT generation FROM session_leases WHERE session_id = 'ses0'").mapTo(Long.class).one());
                assertThat(generation).as("one takeover after the first take").isGreaterThanOrEqualTo(2);
            } finally {
                second.close();
                first.close();
            }
        }
    }

    private static ClusterConfig config(String name) {
        return new ClusterConfig(name, Optional.empty(), "fence-test-secret-0123456789", 0, LEASE);
    }

    /** A node's own engine sides, reduced to which sessions it was told to take up and to release. */
    private static final class Recorder implements LocalSessions {
        final Set<String> taken = ConcurrentHashMap.newKeySet();
        final List<String> released = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void takeUp(String sessionId) {
            taken.add(sessionId);
        }

        @Override
        public void release(String sessionId) {
            released.add(sessionId);
        }
    }
}
