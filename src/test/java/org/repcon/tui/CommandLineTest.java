package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.command.LineHistory;
import org.repcon.testing.TestTopologies;
import org.repcon.util.RepconException;
import org.repcon.view.ConsoleView;

/** The ':' line without a screen: the console's verbs through the one parser, completion, history, and the '/' filter. */
class CommandLineTest {

    /** Records what the commands asked of the console. */
    private static final class Recorder implements ConsoleControl {
        final List<String> calls = new ArrayList<>();

        @Override public ConsoleView view() { return Fixtures.healthy(0); }
        @Override public String selectedKey() { return null; }
        @Override public boolean readOnly() { return false; }
        @Override public void quit() { calls.add("quit"); }
        @Override public List<String> themes() { return List.of("dark", "light", "mono"); }
        @Override public String theme() { return "dark"; }
        @Override public void setTheme(String name) {
            if (!themes().contains(name)) throw RepconException.invalid("unknown theme '" + name + "'");
            calls.add("theme " + name);
        }
        @Override public void setRefreshInterval(Duration d) { calls.add("refresh " + d.toMillis()); }
        @Override public void refreshNow() { calls.add("now"); }
        @Override public void setFilter(String text) { calls.add("filter " + text); }
        @Override public void showMessage(String text, boolean error) {}
        @Override public void post(Runnable task) { task.run(); }
        @Override public void showOutput(String title, List<org.repcon.action.OutputLine> lines, Runnable onClose) {}
        @Override public void appendOutput(org.repcon.action.OutputLine line) {}
        @Override public Runnable ask(String question, java.util.function.Consumer<String> onAnswer) {
            onAnswer.accept(null);
            return () -> { };
        }
        @Override public java.util.Optional<String> openSetup(String host) {
            calls.add("setup " + host);
            return java.util.Optional.empty();
        }
    }

    /** The handler the console runs its ':' line with, on the sample lab's topology, with no deployment to act on. */
    private final ConsoleCommands commands = ConsoleCommands.withoutActions(TestTopologies.load("lab.yaml"),
            () -> List.of("dark", "light", "mono"));
    private final Recorder console = new Recorder();

    @Test
    void theConsolesVerbsDoWhatTheySay() {
        assertThat(commands.execute("q", console)).isEqualTo(CommandHandler.Result.NONE);
        assertThat(commands.execute("theme light", console).message()).isEqualTo("theme: light");
        assertThat(commands.execute("theme", console).message()).isEqualTo("theme: dark; themes: dark, light, mono");
        assertThat(commands.execute("refresh 0.5", console).message()).isEqualTo("refreshing every 0.5s");
        assertThat(commands.execute("refresh 120", console).message()).isEqualTo("refreshing every 2m00s");
        assertThat(commands.execute("  filter  replica2 bayes ", console).message()).isEqualTo("filter: replica2 bayes");
        assertThat(commands.execute("filter", console).message()).isEqualTo("filter cleared");
        assertThat(commands.execute("setup replica1", console)).isEqualTo(CommandHandler.Result.NONE);
        assertThat(commands.run(List.of("setup"), console)).isEqualTo(CommandHandler.Result.NONE);
        assertThat(console.calls).containsExactly("quit", "theme light", "refresh 500", "refresh 120000",
                "filter replica2 bayes", "filter ", "setup replica1", "setup null");
    }

    @Test
    void mistakesAreErrorsThatSayWhatWouldWork() {
        assertThat(commands.execute("thme dark", console))
                .isEqualTo(CommandHandler.Result.error("unknown command 'thme' (did you mean 'theme'?); 'help' lists the commands"));
        assertThat(commands.execute("theme nope", console).message()).startsWith("theme: no theme 'nope'")
                .endsWith("; themes: dark, light, mono");
        assertThat(commands.execute("refresh 0", console))
                .isEqualTo(CommandHandler.Result.error("refresh: takes SECONDS from 0.2 to 3600, not '0'"));
        assertThat(commands.execute("refresh soon", console).message()).isEqualTo("refresh: takes SECONDS from 0.2 to 3600, not 'soon'");
        assertThat(commands.execute("setup a b", console).message()).isEqualTo("setup: unexpected 'b' (usage: setup [HOST])");
        assertThat(commands.execute("start replica1/bayes", console))
                .isEqualTo(CommandHandler.Result.error("start: this console has no deployment to act on"));
        assertThat(commands.execute("filter 'open", console).message()).isEqualTo("unclosed quote in 'filter 'open'");
        assertThat(commands.execute("   ", console)).isEqualTo(CommandHandler.Result.NONE);
        assertThat(console.calls).isEmpty();
    }

    @Test
    void completesFromTheVerbTableAndTheTopology() {
        assertThat(commands.complete("th", console)).containsExactly("theme");
        assertThat(commands.complete("fil", console)).containsExactly("filter");
        assertThat(commands.complete("q", console)).containsExactly("quit");
        assertThat(commands.complete("theme l", console)).containsExactly("theme light");
        assertThat(commands.complete("theme ", console)).containsExactly("theme dark", "theme light", "theme mono");
        assertThat(commands.complete("setup rep", console)).containsExactly("setup replica1", "setup replica2");
        assertThat(commands.complete("resync replica2/b", console)).containsExactly("resync replica2/bayes");
        assertThat(commands.complete("help fil", console)).containsExactly("help filter");
        assertThat(commands.complete("refresh ", console)).isEmpty();
        assertThat(commands.complete("refresh 1", console)).isEmpty();
        assertThat(commands.complete("filter rep", console)).isEmpty();
    }

    @Test
    void lineEditingAndHistory() {
        LineEditor line = new LineEditor(LineHistory.detached(null));
        for (char c : "theme dark".toCharArray()) line.insert(c);
        line.deleteWord();
        assertThat(line.text()).isEqualTo("theme ");
        line.home();
        line.delete();
        assertThat(line.text()).isEqualTo("heme ");
        line.remember("theme dark");
        line.remember("refresh 2");
        line.clear();
        line.previous();
        assertThat(line.text()).isEqualTo("refresh 2");
        line.previous();
        assertThat(line.text()).isEqualTo("theme dark");
        line.previous();
        assertThat(line.text()).isEqualTo("theme dark");
        line.next();
        line.next();
        assertThat(line.text()).isEmpty();
    }

    @Test
    void theHistoryIsSetUpWhenTheLineOpensNotBefore() {
        // JLine's history (a terminal of no streams, a reader, the file read) is not on the way to the first frame.
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        LineEditor line = new LineEditor(() -> {
            made.incrementAndGet();
            return LineHistory.detached(null);
        });
        assertThat(made).hasValue(0);
        line.set("");
        line.remember("refresh 2");
        line.clear();
        line.previous();
        assertThat(line.text()).isEqualTo("refresh 2");
        assertThat(made).hasValue(1);
    }

    @Test
    void theConsolesHistoryIsTheShellsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history");
        LineEditor line = new LineEditor(LineHistory.detached(file));
        line.remember("explain lagging");
        line.remember(" typed with a space first: not kept, as in the shell");
        assertThat(Files.readString(file)).contains("explain lagging").doesNotContain("not kept");
        LineEditor next = new LineEditor(LineHistory.detached(file));
        next.previous();
        assertThat(next.text()).isEqualTo("explain lagging");
    }

    @Test
    void filterWordsMustAllMatchAndFindingsFollowTheRows() {
        ConsoleView v = Fixtures.faulted(0);
        assertThat(ViewFilter.apply(v, "").rows()).hasSize(15);
        ViewFilter replica2 = ViewFilter.apply(v, "REPLICA2");
        assertThat(replica2.hosts()).extracting(h -> h.name()).containsExactly("replica2");
        assertThat(replica2.findings()).hasSize(2);
        ViewFilter tunnels = ViewFilter.apply(v, "stunnel bayes");
        // The worst host first (replica2), then the topology's order.
        assertThat(tunnels.rows()).extracting(r -> r.key()).containsExactly("replica2/tunnel/bayes", "master/tunnel/bayes",
                "replica1/tunnel/bayes");
        assertThat(tunnels.findings()).extracting(f -> f.code()).containsExactly("tunnel-down");
        assertThat(ViewFilter.apply(v, "nothing-like-this").hosts()).isEmpty();
    }
}
