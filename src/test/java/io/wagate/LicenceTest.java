package io.wagate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * wagate is Apache-2.0, so no dependency the jar runs with may be GPL or AGPL only. The build lists them with
 * their licences (license-maven-plugin, into META-INF/THIRD-PARTY-java.md on the classpath); a dependency passes when at
 * least one licence it offers is not a strong copyleft. The Baileys bridge is a separate process with its own
 * list (README "Licence").
 */
class LicenceTest {
    /** GPL or AGPL in any spelling; LGPL and the classpath exception are weak copyleft and allowed. */
    private static final Pattern STRONG_COPYLEFT = Pattern.compile(
            "\\b(a?gpl|affero|general public licen[cs]e)", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEAK = Pattern.compile(
            "\\b(lgpl|lesser|library general|classpath|w/ ?cpe|cpe)\\b", Pattern.CASE_INSENSITIVE);

    record Dependency(String coordinates, List<String> licences) {}

    @Test
    void noRuntimeDependencyOfTheJarIsGplOrAgplOnly() throws IOException {
        var dependencies = runtimeDependencies();

        assertThat(dependencies).as("the build's list of runtime dependencies").hasSizeGreaterThan(10);
        assertThat(dependencies).filteredOn(d -> d.licences().contains("Unknown license"))
                .as("dependencies whose POM names no licence: look it up and add it to src/license (see README \"Licence\")")
                .isEmpty();
        assertThat(dependencies).filteredOn(d -> !acceptable(d.licences()))
                .as("dependencies offered only under the GPL or AGPL, which an Apache-2.0 jar cannot take")
                .isEmpty();
    }

    @Test
    void theCheckTellsStrongFromWeakCopyleft() {
        assertThat(acceptable(List.of("GPL-3.0"))).isFalse();
        assertThat(acceptable(List.of("GNU General Public License, version 2"))).isFalse();
        assertThat(acceptable(List.of("GNU Affero General Public License v3"))).isFalse();
        assertThat(acceptable(List.of("AGPL-3.0-only"))).isFalse();
        assertThat(acceptable(List.of("GNU Lesser General Public License"))).isTrue();
        assertThat(acceptable(List.of("LGPL-2.1-or-later"))).isTrue();
        assertThat(acceptable(List.of("GPL2 w/ CPE"))).isTrue();
        assertThat(acceptable(List.of("GPL-3.0", "MIT"))).isTrue();
        assertThat(acceptable(List.of("The Apache Software License, Version 2.0"))).isTrue();
    }

    /** At least one licence on offer that is not a strong copyleft. */
    private static boolean acceptable(List<String> licences) {
        return licences.stream().anyMatch(l -> !STRONG_COPYLEFT.matcher(l).find() || WEAK.matcher(l).find());
    }

    /** The rows of the generated table: {@code | name (`group:artifact`) | version | licence; licence |}. */
    private static List<Dependency> runtimeDependencies() throws IOException {
        try (InputStream in = LicenceTest.class.getResourceAsStream("/META-INF/THIRD-PARTY-java.md")) {
            assertThat(in).as("THIRD-PARTY-java.md, written by license-maven-plugin at generate-resources").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("| ") && line.contains("`"))
                    .map(line -> {
                        String[] cells = line.substring(1, line.length() - 1).split("\\|");
                        String coordinates = cells[0].substring(cells[0].indexOf('`') + 1, cells[0].lastIndexOf('`'))
                                + ":" + cells[1].trim();
                        return new Dependency(coordinates, Arrays.stream(cells[2].split(";")).map(String::trim)
                                .map(l -> l.toLowerCase(Locale.ROOT).equals("unknown license") ? "Unknown license" : l)
                                .toList());
                    })
                    .toList();
        }
    }
}
