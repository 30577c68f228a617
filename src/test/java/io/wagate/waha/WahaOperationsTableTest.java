package io.wagate.waha;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README "Coming from WAHA" holds a table of every WAHA operation with its status here, made from WAHA's document,
 * implemented-operations.tsv and missing-operations.tsv: this test fails when the README's table is not the one
 * they make (the table it expects is written to target/waha-operations.md, to be pasted between the markers).
 */
class WahaOperationsTableTest {
    static final String START = "<!-- waha-operations:start -->";
    static final String END = "<!-- waha-operations:end -->";

    /** "METHOD /path" to what a WAHA client meets here, from implemented-operations.tsv. */
    static Map<String, String> implemented() {
        try (var in = WahaOperationsTableTest.class.getResourceAsStream("/waha/implemented-operations.tsv")) {
            var found = new LinkedHashMap<String, String>();
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
                        var parts = l.split("\t");
                        assertThat(parts).as(l).hasSize(3);
                        assertThat(found.put(parts[0] + " " + parts[1], parts[2])).as("listed twice: " + l).isNull();
                    });
            return found;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String table() {
        var implemented = implemented();
        var missing = WahaMissing.load().stream().collect(Collectors.toMap(o -> o.method() + " " + o.path(),
                WahaMissing.Operation::feature));
        var table = new StringBuilder("| WAHA operation | WAHA's tag | Here |\n|---|---|---|\n");
        for (var operation : WahaDocument.operations()) {
            var parts = operation.split(" ", 2);
            String tag = WahaDocument.operation(parts[0], parts[1]).path("tags").path(0).asText()
                    .replaceAll("^[^A-Za-z]+", "");
            String here = implemented.containsKey(operation) ? implemented.get(operation).replaceFirst("^ours: ", "")
                    : missing.containsKey(operation) ? "**501**" : null;
            assertThat(here).as(operation + " is in neither list").isNotNull();
            table.append("| `").append(operation).append("` | ").append(tag).append(" | ").append(here).append(" |\n");
        }
        return table.toString();
    }

    @Test
    void theReadmeTableIsTheOneTheListsMake() throws IOException {
        var implemented = implemented().keySet();
        assertThat(WahaDocument.operations()).as("every listed operation is WAHA's").containsAll(implemented);
        var missing = WahaMissing.load().stream().map(o -> o.method() + " " + o.path()).toList();
        assertThat(missing).as("an operation is either implemented or missing").doesNotContainAnyElementsOf(implemented);

        String expected = table();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/waha-operations.md"), expected);
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has " + START).isNotNegative();
        assertThat(end).as("README has " + END).isGreaterThan(start);
        assertThat(readme.substring(start + START.length(), end).strip())
                .as("README's WAHA table (the expected one is in target/waha-operations.md)")
                .isEqualTo(expected.strip());
    }
}
