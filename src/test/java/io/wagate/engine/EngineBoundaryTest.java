package io.wagate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine SPI's two boundaries, read from the sources: above it, nothing but {@code App} (the wiring) names
 * a concrete engine; below it, nothing knows HTTP or the API's error type (engines report
 * {@link EngineException} reasons; {@code session/} turns them into statuses).
 */
class EngineBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java/io/wagate");
    private static final Pattern CONCRETE_ENGINE = Pattern.compile("io\\.wagate\\.engine\\.(sandbox|baileys)\\b");
    private static final Pattern HTTP_OR_ERROR = Pattern.compile("io\\.wagate\\.(http|error)\\b");

    @Test
    void onlyTheWiringNamesAConcreteEngine() {
        var outside = sources().filter(p -> !p.startsWith(MAIN.resolve("engine")) && !p.equals(MAIN.resolve("App.java")));

        assertThat(mentioning(outside, CONCRETE_ENGINE)).as("files outside engine/ that name a concrete engine").isEmpty();
    }

    @Test
    void theEnginesKnowNothingOfHttpOrTheApiErrors() {
        var inside = sources().filter(p -> p.startsWith(MAIN.resolve("engine")));

        assertThat(mentioning(inside, HTTP_OR_ERROR)).as("files in engine/ that use http/ or error/").isEmpty();
    }

    private static Stream<Path> sources() {
        assertThat(MAIN).as("the sources, from the project directory").isDirectory();
        try (var files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> mentioning(Stream<Path> files, Pattern pattern) {
        return files.filter(p -> {
            try {
                return pattern.matcher(Files.readString(p)).find();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
