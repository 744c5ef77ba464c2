package org.repcon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Tools;

/**
 * README.md as a test: every command its code blocks show runs, in the README's order, against the built jar in a
 * directory of its own (a copy of sample-topologies, the lab moved to 127.0.61.x, its own XDG_STATE_HOME), and
 * must exit as documented and print the lines shown under it.
 *
 * <p>The README's conventions, which this test reads:
 * <ul>
 *   <li>a command is a line of an indented code block that starts with {@code ./repcon } or {@code ./test};</li>
 *   <li>the lines under it, up to the next command or the end of the block, are lines it prints, in that order
 *       (others may come between); {@code ...} in one stands for any text;</li>
 *   <li>{@code (exit N)} in its trailing {@code #} comment is its exit status (0 when not said);</li>
 *   <li>{@code <!-- readme-test: skip COMMAND: REASON -->} anywhere in README.md skips that command (named in full);
 *       the run prints how many ran and which were skipped, with the reasons.</li>
 * </ul>
 * Times, pids and the test's own paths and addresses are normalised before comparing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeCommandsIT {

    private static final Path README = Path.of("README.md");
    private static final Pattern SKIP = Pattern.compile("<!-- readme-test: skip (.+?): ([^:]+?) -->");
    private static final Pattern EXIT = Pattern.compile("\\(exit (\\d+)\\)");
    private static final Pattern INLINE = Pattern.compile("`(repcon [^`]+)`");
    private static final String BLOCK = "61";

    /** One command of a code block, with what the README says it prints and how it exits. */
    record Shown(int line, String command, List<String> output, int exit) {}

    @TempDir
    static Path work;

    private Path jar;

    @BeforeAll
    void workDirectory() throws IOException {
        Tools.redisServer();
        Tools.stunnel();
        jar = Path.of("target/repcon.jar").toAbsolutePath();
        assertThat(jar).as("the jar 'mvn package' builds").exists();
        Path samples = Files.createDirectories(work.resolve("sample-topologies"));
        try (var files = Files.list(Path.of("sample-topologies"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                if (f.getFileName().toString().equals("lab.yaml")) text = moveLab(text);
                Files.writeString(samples.resolve(f.getFileName()), text);
            }
        }
    }

    @AfterAll
    void labDown() throws Exception {
        // Whatever the README's commands did, nothing of the lab survives the test.
        run("./repcon lab down sample-topologies/lab.yaml", Duration.ofSeconds(60));
    }

    @Test
    void everyCommandShownRunsAsShown() throws Exception {
        String readme = Files.readString(README);
        Map<String, String> skips = skips(readme);
        List<Shown> shown = commands(readme);
        assertThat(shown).as("commands found in README.md's code blocks").hasSizeGreaterThan(10);
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Shown s : shown) {
            String reason = skips.entrySet().stream().filter(e -> s.command().equals(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (reason != null) {
                skipped.add(s.command() + " (" + reason + ")");
                continue;
            }
            Run r = run(s.command(), Duration.ofSeconds(120));
            String where = "README.md:" + s.line() + ": " + s.command() + "\n--- printed:\n" + r.output();
            assertThat(r.exit()).as("exit status of " + where).isEqualTo(s.exit());
            assertPrintsInOrder(s.output(), normalise(r.output()), where);
            ran.add(s.command());
        }
        System.out.println("README commands: " + ran.size() + " run, " + skipped.size() + " skipped");
        skipped.forEach(s -> System.out.println("  skipped: " + s));
        assertThat(skips.keySet()).as("every skip marker names a command the README shows")
                .allMatch(command -> shown.stream().anyMatch(s -> s.command().equals(command)));
    }

    @Test
    void everyFlagTheReadmeNamesIsInItsCommandsHelp() throws Exception {
        String readme = Files.readString(README);
        Map<String, Set<String>> flagsBySubcommand = new LinkedHashMap<>();
        List<String> mentions = new ArrayList<>();
        Matcher m = INLINE.matcher(readme);
        while (m.find()) mentions.add(m.group(1));
        commands(readme).stream().map(Shown::command).filter(c -> c.startsWith("./repcon ")).map(c -> c.substring(2)).forEach(mentions::add);
        for (String mention : mentions) {
            List<String> words = List.of(mention.replaceAll("'[^']*'", "").split("\\s+"));
            for (String sub : subcommands(words)) {
                Set<String> flags = flagsBySubcommand.computeIfAbsent(sub, k -> new LinkedHashSet<>());
                words.stream().flatMap(w -> Arrays.stream(w.split("\\\\?\\|"))).filter(w -> w.startsWith("-")).map(w -> w.replaceAll("[=\\[].*$", "").replaceAll("[^-a-z]", ""))
                        .filter(w -> w.length() > 1).forEach(flags::add);
            }
        }
        assertThat(flagsBySubcommand).as("subcommands the README names").hasSizeGreaterThan(8);
        for (var e : flagsBySubcommand.entrySet()) {
            List<String> argv = new ArrayList<>(List.of(e.getKey().split(" ")));
            Run help = run("./repcon " + String.join(" ", argv) + " --help", Duration.ofSeconds(30));
            assertThat(help.exit()).as("repcon " + e.getKey() + " --help:\n" + help.output()).isZero();
            for (String flag : e.getValue()) {
                assertThat(help.output()).as("'repcon " + e.getKey() + " --help' lists " + flag + " (the README names it)")
                        .containsPattern("(^|[\\s,\\[])" + Pattern.quote(flag) + "([\\s=,\\]]|$)");
            }
        }
    }

    /** The subcommand paths a mention names: "lab up|status|down FILE" gives "lab up", "lab status", "lab down". */
    private static List<String> subcommands(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("repcon")) return List.of();
        String first = words.get(1);
        if (!first.matches("[a-z][a-z-]*")) return List.of(); // "repcon FILE", "repcon --verbose"
        if (words.size() > 2 && first.equals("lab")) {
            List<String> out = new ArrayList<>();
            for (String sub : words.get(2).split("\\\\?\\|")) if (sub.matches("[a-z-]+")) out.add("lab " + sub);
            return out;
        }
        if (first.equals("bench") && words.size() > 2 && words.get(2).matches("[a-z]+")) return List.of("bench " + words.get(2));
        return List.of(first);
    }

    private static Map<String, String> skips(String readme) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SKIP.matcher(readme);
        while (m.find()) out.put(m.group(1).strip(), m.group(2).strip());
        return out;
    }

    /** The commands of README's indented code blocks, each with the lines shown under it. */
    static List<Shown> commands(String readme) {
        List<Shown> out = new ArrayList<>();
        String[] lines = readme.split("\n", -1);
        boolean previousBlank = true;
        boolean inBlock = false;
        Shown current = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean indented = line.startsWith("    ");
            if (!inBlock && indented && previousBlank) inBlock = true;
            if (inBlock && !indented && !line.isBlank()) {
                inBlock = false;
                current = null;
            }
            previousBlank = line.isBlank();
            if (!inBlock || line.isBlank()) continue;
            String text = line.substring(4);
            if (text.startsWith("./repcon ") || text.equals("./test") || text.startsWith("./test ")) {
                String command = text.replaceAll("\\s+#.*$", "").strip();
                Matcher exit = EXIT.matcher(text.contains("#") ? text.substring(text.indexOf('#')) : "");
                current = new Shown(i + 1, command, new ArrayList<>(), exit.find() ? Integer.parseInt(exit.group(1)) : 0);
                out.add(current);
            } else if (current != null) {
                current.output().add(text.strip());
            }
        }
        return out;
    }

    private static void assertPrintsInOrder(List<String> expected, String printed, String where) {
        List<String> actual = printed.lines().map(String::strip).toList();
        int from = 0;
        for (String want : expected) {
            Pattern p = Pattern.compile(Arrays.stream(want.split("\\.\\.\\.", -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + ".*" + b).orElse(""));
            int found = -1;
            for (int i = from; i < actual.size(); i++) {
                if (p.matcher(actual.get(i)).matches()) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("README shows the line\n  " + want + "\nafter the ones before it, for " + where).isNotNegative();
            from = found + 1;
        }
    }

    private String normalise(String printed) {
        return printed.replace(work.toString() + "/", "").replace(work.toString(), ".")
                .replace("127.0." + BLOCK + ".", "127.0.0.")
                .replaceAll("pid \\d+", "pid N");
    }

    private static String moveLab(String text) {
        return text.replace("127.0.0.", "127.0." + BLOCK + ".");
    }

    record Run(int exit, String output) {}

    /** A README command line, run by sh in the work directory with ./repcon meaning the built jar. */
    private Run run(String command, Duration limit) throws IOException, InterruptedException {
        Path launcher = work.resolve("repcon");
        if (!Files.exists(launcher)) {
            Files.writeString(launcher, "#!/bin/sh\nexec java -jar '" + jar + "' \"$@\"\n");
            launcher.toFile().setExecutable(true);
        }
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command + " </dev/null").directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("XDG_STATE_HOME", work.resolve("state").toString());
        pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        Process p = pb.start();
        var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + limit);
        }
        return new Run(p.exitValue(), reader.join());
    }
}
