package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: version, help, usage mistakes, and validate over several files. */
class MainTest {

    private static final String FREEBSD = "sample-topologies/rspamd-freebsd.yaml";
    private static final String DEBIAN = "sample-topologies/rspamd-debian.yaml";
    private static final String BROKEN = "src/test/resources/topologies/broken/port-zero.yaml";

    @Test
    void versionNamesRepconAndJava() {
        CliRunner.Result r = CliRunner.run("--version");
        assertThat(r.exitCode()).isZero();
        // The version Maven stamped in, not the "unknown" fallback.
        assertThat(r.out().lines()).hasSize(2).first().asString().matches("repcon \\d+\\.\\d+\\.\\d+.*");
        assertThat(r.out()).contains("Java " + System.getProperty("java.version"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: repcon").contains("validate", "generate-completion", "70 internal error",
                "Nagios");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCommandLineBuildsOnlyTheSubcommandItRuns() {
        // picocli reads every annotation of a subcommand it adds: the console on a file, the start that must be quick,
        // adds none, a subcommand only itself; the root's options and their values are not taken for a command.
        assertThat(Main.commandLine(FREEBSD).getSubcommands()).isEmpty();
        assertThat(Main.commandLine("--theme", "lab", "--refresh=2", "--read-only", FREEBSD).getSubcommands()).isEmpty();
        assertThat(Main.commandLine("status", FREEBSD).getSubcommands().keySet()).containsExactly("status");
        assertThat(Main.commandLine("--timeout", "500", "--verbose", "lab", "up", FREEBSD).getSubcommands().keySet())
                .containsExactly("lab");
        assertThat(Main.commandLine("--", FREEBSD).getSubcommands()).isEmpty();
        // Nothing named, help, a mistyped command or the completion script: every command, as the usage lists them.
        List<String> all = List.copyOf(Main.commandLine().getSubcommands().keySet());
        assertThat(all).hasSize(12).startsWith("console", "demo").endsWith("bench", "generate-completion");
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"valdate", FREEBSD},
                new String[] {"--theme", "dark"}, new String[] {"generate-completion"}, new String[] {"--", "demo"})) {
            assertThat(List.copyOf(Main.commandLine(args).getSubcommands().keySet())).as(String.join(" ", args)).isEqualTo(all);
        }
    }

    @Test
    void labFaultHelpListsEveryFaultWithTheTargetItTakes() {
        CliRunner.Result r = CliRunner.run("lab", "fault", "--help");
        assertThat(r.exitCode()).isZero();
        String words = r.out().replaceAll("\\s+", " "); // however the help is wrapped
        for (org.repcon.lab.LabFaults.Fault f : org.repcon.lab.LabFaults.Fault.values()) {
            assertThat(words).contains(" " + f.cliName() + " " + f.targetForm() + " " + f.description());
        }
        assertThat(r.out()).contains("wrong-masterauth HOST/REPLICA", "replica1/bayes");
    }

    @Test
    void aHostWhereAnInstanceIsWantedNamesTheHostsInstances() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("repcon-fault");
        java.nio.file.Path file = org.repcon.testing.TestLab.file(90, dir); // nothing runs: the target is refused first
        CliRunner.Result r = CliRunner.run("lab", "fault", file.toString(), "wrong-masterauth", "replica1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("repcon: 'replica1' is a host; this fault takes one of its instances:"
                + " replica1/redis, replica1/bayes, replica1/fuzzy");
    }

    @Test
    void readOnlyRefusesEveryLabCommandThatChangesTheLabBeforeItLooksAtIt() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("repcon-ro-lab");
        String file = org.repcon.testing.TestLab.file(91, dir).toString(); // never started: each is refused first
        for (String[] args : List.of(new String[] {"up", file}, new String[] {"down", file}, new String[] {"heal", file},
                new String[] {"fault", file, "kill", "master/bayes"})) {
            String[] before = java.util.stream.Stream.concat(java.util.stream.Stream.of("--read-only", "lab"), java.util.Arrays.stream(args))
                    .toArray(String[]::new);
            CliRunner.Result r = CliRunner.run(before);
            assertThat(r.exitCode()).as(String.join(" ", before)).isEqualTo(4);
            assertThat(r.err().lines()).containsExactly("repcon: refused: read-only mode: 'lab " + args[0] + "' changes the lab");
        }
        CliRunner.Result after = CliRunner.run("lab", "down", file, "--read-only");
        assertThat(after.exitCode()).isEqualTo(4);
        assertThat(CliRunner.run("--read-only", "lab", "status", file).exitCode()).isNotEqualTo(4); // reading is fine
    }

    @Test
    void anEmptyRedisServiceIsRefusedSayingRepconDoesNotDriveIt() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("repcon-noservice");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("t.yaml"), """
                name: noservice
                platform: debian
                root: %s
                hosts:
                  solo:
                    access: local
                    conventions: { redis_service: "" }
                    instances:
                      bayes: { port: 1 }
                """.formatted(dir));
        CliRunner.Result r = CliRunner.run("shell", file.toString(), "--yes", "-c", "restart solo/bayes");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.out() + r.err()).contains("host solo has an empty 'redis_service' convention: repcon does not drive its"
                + " instances (only in the lab does it run the daemons itself)");
    }

    @Test
    void anUnknownSubcommandIsOneLineWithADidYouMean() {
        CliRunner.Result r = CliRunner.run("valdate", FREEBSD);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("repcon: 'valdate' is neither a command nor a file (did you mean"
                + " 'validate'?); see 'repcon --help'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFileWithMoreArgumentsIsOneLine() {
        // A command's name after the file too: the console's file comes last, it takes no subcommand.
        for (String word : List.of("extra", "status")) {
            CliRunner.Result r = CliRunner.run(FREEBSD, word);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().lines()).containsExactly("repcon: unexpected argument '" + word + "'; see 'repcon --help'");
        }
    }

    @Test
    void anUnknownOptionIsOneLine() {
        CliRunner.Result r = CliRunner.run("validate", "--frobnicate", FREEBSD);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("repcon: Unknown option: '--frobnicate'; see 'repcon validate --help'");
        TopologyCorpusTest.assertNoStackTrace(r);
    }

    @Test
    void aMisspelledGlobalOptionGetsADidYouMean() {
        CliRunner.Result r = CliRunner.run("--verbos", "validate", FREEBSD);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("(did you mean '--verbose'?)");
    }

    @Test
    void globalOptionsWorkBeforeOrAfterTheSubcommand() {
        // --verbose: a failure's stack trace follows its line, wherever the option is typed.
        String missing = "target/no-such-topology.yaml";
        CliRunner.Result plain = CliRunner.run("status", missing);
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err().lines()).hasSize(1);
        for (String[] args : new String[][] {{"--verbose", "status", missing}, {"status", missing, "--verbose"},
                {"status", "--verbose", missing}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.firstErrLine()).isEqualTo(plain.firstErrLine());
            assertThat(r.err()).as(String.join(" ", args)).contains("\tat org.repcon.");
        }
        // --read-only is one option of repcon's, inherited by every subcommand: the help shows it at both places.
        assertThat(CliRunner.run("--help").out()).contains("--read-only");
        assertThat(CliRunner.run("shell", "--help").out()).contains("--read-only");
        assertThat(CliRunner.run("setup", "--help").out()).contains("--read-only");
    }

    @Test
    void validateWithoutFilesIsAUsageError() {
        CliRunner.Result r = CliRunner.run("validate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("repcon: Missing required parameter: 'FILE'; see 'repcon validate --help'");
    }

    @Test
    void validateChecksEveryFileAndSucceedsWhenAllAreValid() {
        CliRunner.Result r = CliRunner.run("validate", FREEBSD, DEBIAN);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).containsExactly(FREEBSD + ": ok (2 hosts, 6 instances, 4 tunnels)",
                DEBIAN + ": ok (3 hosts, 9 instances, 6 tunnels)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateFailsWhenAnyFileIsInvalidButStillChecksTheOthers() {
        CliRunner.Result r = CliRunner.run("validate", FREEBSD, BROKEN, "no-such-topology.yaml", DEBIAN);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out().lines()).containsExactly(FREEBSD + ": ok (2 hosts, 6 instances, 4 tunnels)",
                DEBIAN + ": ok (3 hosts, 9 instances, 6 tunnels)");
        assertThat(r.err().lines()).containsExactly(
                BROKEN + ":7:22: port in instance 'master/bayes': '0' is not a port (1-65535)",
                "no-such-topology.yaml: no such file");
        TopologyCorpusTest.assertNoStackTrace(r);
    }

    /** A benchmark's numbers are for docs/benchmarks.md; here only that it runs and reads what it is given. */
    @Test
    void benchParseReportsTheReplyItParsed() {
        CliRunner.Result r = CliRunner.run("bench", "parse", "src/test/resources/info/redis-7.0-master-two-replicas.txt",
                "--batches", "1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).first().isEqualTo("reply: 5083 bytes, 184 fields");
        assertThat(r.out()).contains("us a reply over 1 batches");

        CliRunner.Result missing = CliRunner.run("bench", "parse", "no-such-reply.txt");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).containsExactly("repcon: no-such-reply.txt: no such file");
    }
}
