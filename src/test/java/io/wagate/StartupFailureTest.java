package io.wagate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot start says why and exits, rather than hanging on with half its threads. */
class StartupFailureTest {
    @Test
    void aPortInUseEndsTheProcessWithAMessage(@TempDir Path temp) throws Exception {
        try (var running = ServerProcess.start(Files.createDirectories(temp.resolve("first")), Map.of())) {
            int port = java.net.URI.create(running.api().base()).getPort();
            var second = ServerProcess.launch(temp.resolve("second"), Map.of("WAGATE_PORT", Integer.toString(port)));
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("the second server exits").isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(Files.readString(ServerProcess.logOf(temp.resolve("second")))).contains("could not start").contains("port");
        }
    }

    @Test
    void aBadSettingEndsTheProcessNamingTheVariable(@TempDir Path temp) throws Exception {
        var process = ServerProcess.launch(temp.resolve("bad"), Map.of("WAGATE_PORT", "eighty"));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(ServerProcess.logOf(temp.resolve("bad")))).contains("WAGATE_PORT");
    }
}
