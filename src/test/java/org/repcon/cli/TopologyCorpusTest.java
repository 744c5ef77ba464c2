package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under topologies/broken holds one mistake and names, in its first line
 * ({@code # expect: LINE:COLUMN: message}; {@code {dir}} stands for the file's absolute directory), the one
 * error {@code repcon validate} must print for it. What cannot be committed (a FIFO, a device, a 150 MB file,
 * a password file's permissions) is made here, at test time.
 */
class TopologyCorpusTest {

    private static final Path BROKEN = Path.of("src/test/resources/topologies/broken");
    private static final Path OK = Path.of("src/test/resources/topologies/ok");

    static List<Path> brokenFiles() throws IOException {
        try (Stream<Path> files = Files.list(BROKEN)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void corpusCoversManyMistakes() throws IOException {
        assertThat(brokenFiles()).hasSizeGreaterThanOrEqualTo(120);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void validateReportsTheExpectedFirstError(Path file) throws IOException {
        String expected = header(file, "# expect: ").replace("{dir}", file.toAbsolutePath().getParent().toString());

        CliRunner.Result result = CliRunner.run("validate", file.toString());

        assertThat(result.exitCode()).as("exit code").isEqualTo(2);
        assertThat(result.firstErrLine()).isEqualTo(file + ":" + expected);
        assertThat(result.err().lines()).as("one line for one mistake").hasSize(1);
        assertNoStackTrace(result);
    }

    /** Doubtful, not wrong: the first line is the warning, the file is valid. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("warningFiles")
    void aDoubtIsOnlyAWarning(Path file) throws IOException {
        String warning = header(file, "# expect-warning: ").replace("{dir}", file.toAbsolutePath().getParent().toString());

        CliRunner.Result result = CliRunner.run("validate", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).hasSize(2).first().isEqualTo(file + ":" + warning);
        assertThat(result.out().lines()).last().asString().startsWith(file + ": ok (");
        assertThat(result.err()).isEmpty();
        assertNoStackTrace(result);
    }

    static List<Path> warningFiles() throws IOException {
        try (var files = Files.list(OK)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static void assertNoStackTrace(CliRunner.Result result) {
        for (String text : List.of(result.out(), result.err())) {
            assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** The text after {@code prefix} on the file's line that starts with it. */
    private static String header(Path file, String prefix) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError(file + " has no '" + prefix + "' line"));
    }
}
