package org.repcon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md as a test. The allowed dependencies between packages are written once, in the
 * document's {@code dependencies} block, and read from there, so the document and this test cannot
 * disagree. Every {@code org.repcon.X} in the main sources (imports, static imports and fully
 * qualified names; comments and string literals do not count) must be allowed there. A few
 * "does not" rules of the document's table that are about calls rather than imports are checked too.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/org/repcon");
    private static final Path DOC = Path.of("docs/architecture.md");

    /**
     * Known breaks, each to be mended: the files are being changed by other work (issue 13 items 2,
     * 3, 5), so the test accepts exactly these and fails on any new one. An entry that no longer
     * occurs fails too, so the list shrinks as they are mended.
     */
    private static final List<Known> KNOWN = List.of(
            // Typed output lines (item 5) will carry the meaning without action reaching into diagnosis.
            new Known("action/OutputLine.java", "diagnosis", "log line meaning from diagnosis.LogPatterns"),
            // Secrets are read where they are used; to be mended by a reader outside topology once
            // action/setup/probe call it instead of Secret.reveal.
            new Known("topology/Secret.java", "reads files or the environment", "Secret.reveal reads the secret file or variable"),
            // Only cli maps exceptions to exit codes; the console should hand its failure to cli.
            new Known("tui/Console.java", "maps exit codes", "returns exit codes itself (INTERNAL = 70, RepconException.exitCode)"));

    /** Calls the document's table forbids outside one package, with the files that may make them and why. */
    private static final List<CallRule> CALL_RULES = List.of(
            new CallRule("config", "writes files", code -> Pattern.compile("\\bAtomicFiles\\b|\\bFiles\\s*\\.\\s*(write|writeString|newOutputStream|newBufferedWriter|createDirector(y|ies)|move|copy|delete\\w*)\\b"),
                    // The secrets file is config's own: generated once there, never rendered.
                    Set.of("config/PskStore.java")),
            new CallRule("topology", "reads files or the environment", code -> Pattern.compile("\\bSystem\\s*\\.\\s*getenv\\b|\\bFiles\\s*\\.\\s*(read\\w*|newInputStream|newBufferedReader|lines)\\b"),
                    Set.of()),
            new CallRule("*", "maps exit codes", ArchitectureTest::exitCodeMapping,
                    // cli maps exit codes; util defines them on RepconException; the relay is a process of its own.
                    Set.of("cli/", "util/RepconException.java", "lab/Relay.java")));

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\s*\\.\\s*repcon\\s*\\.\\s*([a-z_][a-z0-9_]*)");

    @Test
    void everyPackageDependsOnlyOnWhatTheDocumentAllows() {
        Map<String, Set<String>> allowed = allowedDependencies();
        List<String> violations = new ArrayList<>();
        Set<Known> seen = new LinkedHashSet<>();
        Set<String> packages = new TreeSet<>();
        for (Path file : sources()) {
            String rel = relative(file);
            String from = topPackage(rel);
            packages.add(from);
            String code = codeOnly(read(file)).replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", "");
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String to = m.group(1);
                if (to.equals(from) || isAllowed(allowed, from, to)) continue;
                Known known = known(rel, to);
                if (known != null) {
                    seen.add(known);
                    continue;
                }
                violations.add(rel + ":" + line(code, m.start()) + ": " + from + " -> " + to
                        + " is not allowed by docs/architecture.md (" + from + " -> " + String.join(" ", allowed.getOrDefault(from, Set.of())) + ")");
            }
        }
        Set<String> undeclared = new TreeSet<>(packages);
        undeclared.removeAll(allowed.keySet());
        assertThat(undeclared).as("packages missing from the dependencies block of docs/architecture.md").isEmpty();
        assertThat(violations).as("imports or fully qualified names against docs/architecture.md").isEmpty();
        assertThat(stale(seen, true)).as("known breaks that are mended: remove them from ArchitectureTest.KNOWN").isEmpty();
    }

    @Test
    void callsTheDocumentForbidsStayWhereTheyAreAllowed() {
        List<String> violations = new ArrayList<>();
        Set<Known> seen = new LinkedHashSet<>();
        for (Path file : sources()) {
            String rel = relative(file);
            String code = codeOnly(read(file));
            for (CallRule rule : CALL_RULES) {
                if (!rule.appliesTo(rel)) continue;
                Matcher m = rule.finder.apply(code).matcher(code);
                while (m.find()) {
                    Known known = known(rel, rule.what);
                    if (known != null) {
                        seen.add(known);
                        continue;
                    }
                    violations.add(rel + ":" + line(code, m.start()) + ": " + topPackage(rel) + " " + rule.what
                            + " ('" + m.group().strip() + "'), which docs/architecture.md gives to another package");
                }
            }
        }
        assertThat(violations).as("calls against docs/architecture.md").isEmpty();
        assertThat(stale(seen, false)).as("known breaks that are mended: remove them from ArchitectureTest.KNOWN").isEmpty();
    }

    @Test
    void theScannerSeesFullyQualifiedNamesButNotCommentsOrStrings() {
        String code = codeOnly("""
                package org.repcon.tui;
                // org.repcon.lab in a comment
                /* org.repcon.bench
                   in a block */
                class X { String s = "org.repcon.cli"; char c = '"'; Object o = org.repcon.diagnosis.Code.LINK_DOWN; }
                """);
        Matcher m = REFERENCE.matcher(code.replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", ""));
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.group(1) + "@" + line(code, m.start()));
        assertThat(found).containsExactly("diagnosis@5");
    }

    // ---- the document ----

    /** The {@code dependencies} block: {@code pkg -> dep dep ...}; {@code *} allows everything. */
    static Map<String, Set<String>> allowedDependencies() {
        String doc = read(DOC);
        Matcher block = Pattern.compile("(?s)```dependencies\\n(.*?)```").matcher(doc);
        assertThat(block.find()).as("docs/architecture.md has a ```dependencies block").isTrue();
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String line : block.group(1).split("\n")) {
            if (line.isBlank()) continue;
            String[] sides = line.split("->", -1);
            assertThat(sides).as("dependencies line '" + line + "' reads 'pkg -> dep dep'").hasSize(2);
            Set<String> deps = new LinkedHashSet<>();
            for (String d : sides[1].trim().split("\\s+")) if (!d.isEmpty()) deps.add(d);
            allowed.put(sides[0].trim(), deps);
        }
        return allowed;
    }

    private static boolean isAllowed(Map<String, Set<String>> allowed, String from, String to) {
        Set<String> deps = allowed.getOrDefault(from, Set.of());
        return deps.contains("*") || deps.contains(to);
    }

    // ---- known breaks ----

    record Known(String file, String uses, String reason) {}

    private static Known known(String rel, String uses) {
        return KNOWN.stream().filter(k -> k.file.equals(rel) && k.uses.equals(uses)).findFirst().orElse(null);
    }

    /** Entries of the kind this test checks (a package name, or a call rule's words) that no file showed. */
    private static List<Known> stale(Set<Known> seen, boolean packages) {
        return KNOWN.stream()
                .filter(k -> packages == k.uses.matches("[a-z]+"))
                .filter(k -> !seen.contains(k))
                .toList();
    }

    /** A forbidden call: a pattern found in a file's code (built per file where it needs the file's names). */
    record CallRule(String pkg, String what, Function<String, Pattern> finder, Set<String> allowedIn) {
        boolean appliesTo(String rel) {
            if (allowedIn.stream().anyMatch(rel::startsWith)) return false;
            return pkg.equals("*") || topPackage(rel).equals(pkg);
        }
    }

    /**
     * System.exit, or returning a RepconException's exit code (a process's exit status, as
     * transport's ExecResult carries, is not a mapping): the names the file binds to a RepconException.
     */
    private static Pattern exitCodeMapping(String code) {
        Set<String> names = new TreeSet<>();
        Matcher bound = Pattern.compile("\\bRepconException\\s+(\\w+)").matcher(code);
        while (bound.find()) names.add(bound.group(1));
        String calls = names.isEmpty() ? "" : "|\\breturn\\s+(" + String.join("|", names) + ")\\s*\\.\\s*exitCode\\s*\\(";
        return Pattern.compile("\\bSystem\\s*\\.\\s*exit\\s*\\(" + calls);
    }

    // ---- the sources ----

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertThat(list).as("main sources under " + MAIN.toAbsolutePath()).isNotEmpty();
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path file) {
        return MAIN.relativize(file).toString().replace('\\', '/');
    }

    private static String topPackage(String rel) {
        int slash = rel.indexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') n++;
        return n;
    }

    /**
     * The source with comments, string and char literals (text blocks too) blanked out; line breaks
     * stay, so offsets still give line numbers.
     */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(src, i, end, out);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(src, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') j += src.charAt(j) == '\\' ? 2 : 1;
                int end = Math.min(n, j + 1);
                blank(src, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String src, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) out.append(src.charAt(k) == '\n' ? '\n' : ' ');
    }
}
