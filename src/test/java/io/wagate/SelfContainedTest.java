package io.wagate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: code, tests and documents point at docs/ARCHITECTURE.md or the README, never at
 * planning documents that are not in it (a design's sections, numbered seed documents).
 */
class SelfContainedTest {
    // Spelt in pieces so that this file does not find itself.
    private static final Pattern OUTSIDE = Pattern.compile(
            "DESI" + "GN §|\\bse" + "ed ?0\\d\\d\\b|Se" + "ed0\\d\\d", Pattern.CASE_INSENSITIVE);

    @Test
    void nothingPointsAtDocumentsOutsideTheRepository() {
        var found = Stream.of("src", "docs", "bench", "bridge/src", "bridge/test", "bridge/scripted", "README.md")
                .map(Path::of)
                .flatMap(SelfContainedTest::files)
                .filter(SelfContainedTest::pointsOutside)
                .toList();

        assertThat(found).as("files that cite documents outside the repository").isEmpty();
    }

    private static Stream<Path> files(Path root) {
        assertThat(root).as("run from the project directory").exists();
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean pointsOutside(Path file) {
        try {
            return OUTSIDE.matcher(Files.readString(file)).find();
        } catch (MalformedInputException binary) {
            return false; // images, fixtures: no prose in them
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
