package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.RandomAccessFile;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /** Files that cannot be committed, each refused in one line at once, without reading what it would not parse. */
    @Test
    void aFileThatIsNoRegularFileOrTooLargeIsRefusedInOneLineWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(150L << 20); // sparse: 150 MB of zeros without writing them
        }
        Map<String, String> expected = Map.of(
                "/dev/zero", "/dev/zero: not a regular file (a character device)",
                "/dev/null", "/dev/null: not a regular file (a character device)",
                fifo.toString(), fifo + ": not a regular file (a FIFO)",
                dir.toString(), dir + ": not a regular file (a directory)",
                huge.toString(), huge + ": 157286400 bytes, more than the 4194304 such a file may have",
                dir.resolve("absent.yaml").toString(), dir.resolve("absent.yaml") + ": no such file");
        expected.forEach((file, line) -> {
            CliRunner.Result result = CliRunner.run("validate", file);
            assertThat(result.exitCode()).as(file).isEqualTo(2);
            assertThat(result.err().lines()).as(file).containsExactly(line);
            assertNoStackTrace(result);
        });
    }

    @Test
    void nonUtf8InputIsNamedByItsByteOffset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "name: t\nhosts:\n  caf\u00e9: {}\n".getBytes(StandardCharsets.ISO_8859_1));

        CliRunner.Result result = CliRunner.run("validate", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).containsExactly(file + ":3:6: not UTF-8 at byte 20");
    }

    /** Permissions cannot be committed: a password file other users may read is a warning that says the fix. */
    @Test
    void aPasswordFileOthersMayReadIsAWarningNamingTheFix(@TempDir Path dir) throws IOException {
        Path password = Files.writeString(dir.resolve("bayes.pw"), "s3cret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        Path file = Files.writeString(dir.resolve("t.yaml"), """
                name: t
                hosts:
                  master:
                    address: master.example.com
                    instances:
                      bayes: { port: 6378, password_file: bayes.pw }
                """);

        CliRunner.Result readable = CliRunner.run("validate", file.toString());
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        CliRunner.Result own = CliRunner.run("validate", file.toString());

        assertThat(readable.exitCode()).isZero();
        assertThat(readable.out().lines()).first().isEqualTo(file + ":6:43: warning: password file " + password
                + " is readable by every user; chmod 600 " + password);
        assertThat(own.out().lines()).containsExactly(file + ": ok (1 host, 1 instance, 0 tunnels)");
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
        // Latin-1: the encoding cases are not UTF-8 past their (ASCII) header.
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError(file + " has no '" + prefix + "' line"));
    }
}
