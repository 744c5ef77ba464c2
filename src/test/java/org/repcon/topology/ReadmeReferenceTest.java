package org.repcon.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * README.md's topology file reference against the loader: every key each level accepts has a row
 * in that level's table and no row names a key the loader refuses; every convention has a row
 * with each platform's default. A key added to the loader without documentation fails here.
 */
class ReadmeReferenceTest {

    private static Map<String, List<String>> sections;

    @BeforeAll
    static void readReadme() throws IOException {
        sections = sections(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8));
    }

    @Test
    void everyLevelDocumentsExactlyTheKeysTheLoaderAccepts() {
        Map<String, Set<String>> levels = Map.of(
                "Top level", TopologyLoader.TOP_KEYS,
                "common", TopologyLoader.COMMON_KEYS,
                "Host", TopologyLoader.HOST_KEYS,
                "ssh", TopologyLoader.SSH_KEYS,
                "Instance", TopologyLoader.INSTANCE_KEYS,
                "Tunnel", TopologyLoader.TUNNEL_KEYS);
        levels.forEach((heading, keys) ->
                assertThat(rows(heading).keySet()).as("keys in README.md section '### %s'", heading)
                        .containsExactlyInAnyOrderElementsOf(keys));
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void everyConventionHasItsDefaultPerPlatform(Convention convention) {
        List<String> cells = rows("Conventions").get(convention.yamlName());
        assertThat(cells).as("row for convention '%s' in README.md", convention.yamlName()).isNotNull();
        List<String> defaults = Arrays.stream(Platform.values())
                .map(p -> p.defaults().get(convention))
                .map(v -> v.isEmpty() ? "(empty)" : "`" + v + "`")
                .toList();
        // Columns: convention, meaning, then one per platform in Platform's order.
        assertThat(cells.subList(2, cells.size())).as("defaults of '%s'", convention.yamlName()).isEqualTo(defaults);
    }

    @Test
    void theConventionsTableHasOneColumnPerPlatform() {
        String header = sections.get("Conventions").stream().filter(l -> l.startsWith("| convention")).findFirst().orElseThrow();
        String platforms = Arrays.stream(Platform.values()).map(Platform::yamlName).collect(Collectors.joining(" | "));
        assertThat(header).endsWith("| " + platforms + " |");
        assertThat(rows("Conventions")).hasSize(Convention.values().length);
    }

    @Test
    void theExampleIsTheTutorialSample() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String indented = Files.readAllLines(Path.of("sample-topologies/rspamd-freebsd.yaml")).stream()
                .map(l -> l.isEmpty() ? "" : "    " + l).collect(Collectors.joining("\n"));
        assertThat(readme).contains(indented);
    }

    @Test
    void exitCodesAreDocumented() {
        assertThat(sections.get("Exit codes")).anySatisfy(l -> assertThat(l).startsWith("| 0 |"))
                .anySatisfy(l -> assertThat(l).startsWith("| 1 |"))
                .anySatisfy(l -> assertThat(l).startsWith("| 2 |"))
                .anySatisfy(l -> assertThat(l).startsWith("| 70 |"))
                .anySatisfy(l -> assertThat(l).contains("3 UNKNOWN"));
    }

    /** A section's table rows whose first cell is a `key`, keyed by it, with their cells. */
    private static Map<String, List<String>> rows(String heading) {
        List<String> lines = sections.get(heading);
        assertThat(lines).as("README.md section '%s'", heading).isNotNull();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith("| `")) continue;
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
            rows.put(cells.get(0).replace("`", ""), cells);
        }
        return rows;
    }

    /** Lines under each "##" or "###" heading, keyed by the heading's text. */
    private static Map<String, List<String>> sections(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith("## ") || line.startsWith("### ")) {
                current = new ArrayList<>();
                out.put(line.replaceFirst("^#+ ", ""), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
    }
}
