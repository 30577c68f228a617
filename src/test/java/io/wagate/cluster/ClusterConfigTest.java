package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.config.Config;
import io.wagate.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster mode is on with a node name, and every setting it needs is checked at start-up, by name. */
class ClusterConfigTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/wagate";
    private static final String SECRET = "a-secret-of-enough-length";

    @Test
    void withoutANodeNameNothingChanges() {
        assertThat(Config.fromEnvironment(Map.of()).cluster()).isEmpty();
        // Cluster settings without a node name are not cluster mode either (and not checked).
        assertThat(Config.fromEnvironment(Map.of("WAGATE_CLUSTER_SECRET", "x")).cluster()).isEmpty();
    }

    @Test
    void aNodeNameOnPostgresqlTurnsClusterModeOnWithItsDefaults() {
        var cluster = Config.fromEnvironment(env(Map.of())).cluster().orElseThrow();
        assertThat(cluster.nodeName()).isEqualTo("n1");
        assertThat(cluster.lease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(cluster.maxSessions()).isZero();
        assertThat(cluster.advertiseUrl(3000)).isEqualTo(URI.create("http://127.0.0.1:3000"));

        var set = Config.fromEnvironment(env(Map.of("WAGATE_CLUSTER_ADVERTISE_URL", "http://10.0.0.7:3000",
                "WAGATE_CLUSTER_MAX_SESSIONS", "200", "WAGATE_CLUSTER_LEASE_MS", "5000"))).cluster().orElseThrow();
        assertThat(set.advertiseUrl(3000)).isEqualTo(URI.create("http://10.0.0.7:3000"));
        assertThat(set.maxSessions()).isEqualTo(200);
        assertThat(set.lease()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aNodeNameOnSqliteIsAStartUpErrorSayingWhy() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_CLUSTER_NODE_NAME", "n1",
                "WAGATE_CLUSTER_SECRET", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("WAGATE_CLUSTER_NODE_NAME").hasMessageContaining("SQLite")
                .hasMessageContaining("PostgreSQL");
    }

    @Test
    void clusterModeWithoutASecretIsAnErrorNamingIt() {
        var noSecret = new HashMap<>(env(Map.of()));
        noSecret.remove("WAGATE_CLUSTER_SECRET");
        assertThatThrownBy(() -> Config.fromEnvironment(noSecret))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_CLUSTER_SECRET is required");
        assertThatThrownBy(() -> Config.fromEnvironment(env(Map.of("WAGATE_CLUSTER_SECRET", "short"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_CLUSTER_SECRET");
    }

    @Test
    void clusterModeNeedsMediaThatEveryNodeReaches() {
        var local = new HashMap<>(env(Map.of()));
        local.keySet().removeIf(name -> name.startsWith("WAGATE_S3_"));
        local.remove("WAGATE_MEDIA_STORE");
        assertThatThrownBy(() -> Config.fromEnvironment(local))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_MEDIA_STORE=s3 is required")
                .hasMessageContaining("cluster mode").hasMessageContaining("other nodes");
        local.put("WAGATE_MEDIA_STORE", "local");
        assertThatThrownBy(() -> Config.fromEnvironment(local))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_MEDIA_STORE=s3 is required");
        // A config built in code is held to the same rule when the server starts.
        var built = Config.fromEnvironment(env(Map.of())).withMediaStore(new io.wagate.config.MediaStoreConfig.Local());
        assertThatThrownBy(built::requireSharedMedia)
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_MEDIA_STORE=s3 is required");
    }

    @Test
    void badClusterSettingsAreRefusedByName() {
        assertThatThrownBy(() -> Config.fromEnvironment(env(Map.of("WAGATE_CLUSTER_NODE_NAME", "no spaces"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_CLUSTER_NODE_NAME");
        assertThatThrownBy(() -> Config.fromEnvironment(env(Map.of("WAGATE_CLUSTER_ADVERTISE_URL", "ftp://x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_CLUSTER_ADVERTISE_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(env(Map.of("WAGATE_CLUSTER_LEASE_MS", "10"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_CLUSTER_LEASE_MS");
        assertThatThrownBy(() -> Config.fromEnvironment(env(Map.of("WAGATE_CLUSTER_MAX_SESSIONS", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_CLUSTER_MAX_SESSIONS");
    }

    private static Map<String, String> env(Map<String, String> extra) {
        var env = new HashMap<>(Map.of("WAGATE_DATABASE_URL", PG, "WAGATE_CLUSTER_NODE_NAME", "n1",
                "WAGATE_CLUSTER_SECRET", SECRET, "WAGATE_MEDIA_STORE", "s3", "WAGATE_S3_ENDPOINT",
                "http://127.0.0.1:9000", "WAGATE_S3_BUCKET", "media", "WAGATE_S3_ACCESS_KEY", "k",
                "WAGATE_S3_SECRET_KEY", "s"));
        env.putAll(extra);
        return env;
    }
}
