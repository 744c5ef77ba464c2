package org.repcon.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.repcon.testing.Messages.assertSays;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.diagnosis.Code;
import org.repcon.testing.TwoMasters;
import org.repcon.topology.Topology;
import org.repcon.util.RepconException;

class CommandParserTest {

    @TempDir
    Path dir;

    private CommandParser parser() {
        return new CommandParser(TwoMasters.topology(39, dir), () -> List.of("dark", "light"));
    }

    private Command parse(String line) {
        return parser().parse(List.of(line.split(" ")));
    }

    private String error(String line) {
        RepconException e = catchThrowableOfType(RepconException.class, () -> parse(line));
        assertThat(e).as(line).isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void everyVerbParsesIntoItsTypedCommand() {
        assertThat(parse("status")).isEqualTo(new Command.Status(java.util.Optional.empty()));
        assertThat(((Command.Status) parse("status replica1")).target().orElseThrow()).isInstanceOf(Target.OfHost.class);
        Command.Service start = (Command.Service) parse("start replica1/tunnel/bayes2");
        assertThat(start.verb()).isEqualTo(Verb.START);
        assertThat(start.target()).isInstanceOf(Target.OfTunnel.class);
        assertThat(start.text()).isEqualTo("start replica1/tunnel/bayes2");
        Command.Restore restore = (Command.Restore) parse("restore master/bayes from replica1/bayes");
        assertThat(restore.source().orElseThrow().key()).isEqualTo("replica1/bayes");
        assertThat(restore.text()).isEqualTo("restore master/bayes from replica1/bayes");
        assertThat(((Command.Restore) parse("restore master/bayes --force")).text()).isEqualTo("restore master/bayes --force");
        assertThat(((Command.Service) parse("start master/bayes --force")).text()).isEqualTo("start master/bayes --force");
        Command.Repoint r = (Command.Repoint) parse("repoint replica1/bayes to master2/bayes --force");
        assertThat(r.replica().key()).isEqualTo("replica1/bayes");
        assertThat(r.master().key()).isEqualTo("master2/bayes");
        assertThat(r.force()).isTrue();
        assertThat(r.text()).isEqualTo("repoint replica1/bayes to master2/bayes --force");
        assertThat(((Command.Resync) parse("resync replica1/bayes --full")).full()).isTrue();
        assertThat(((Command.Resync) parse("resync replica1/bayes")).full()).isFalse();
        assertThat(parse("promote replica1/fuzzy").text()).isEqualTo("promote replica1/fuzzy");
        Command.Logs logs = (Command.Logs) parse("logs replica1/bayes -n 20 --grep=MASTER.*sync");
        assertThat(logs.lines()).isEqualTo(20);
        assertThat(logs.grep().orElseThrow().pattern()).isEqualTo("MASTER.*sync");
        assertThat(((Command.Logs) parse("logs master/tunnel/bayes")).lines()).isEqualTo(Command.Logs.DEFAULT_LINES);
        assertThat(((Command.Explain) parse("explain local-tunnel-down")).code()).isEqualTo(Code.LOCAL_TUNNEL_DOWN);
        assertThat(((Command.Help) parse("help repoint")).about()).contains(Verb.REPOINT);
        assertThat(parse("theme light")).isEqualTo(new Command.Theme(java.util.Optional.of("light")));
        assertThat(((Command.Refresh) parse("refresh 0.5")).interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(parse("q")).isEqualTo(new Command.Quit());
        assertThat(parse("exit").verb()).isEqualTo(Verb.QUIT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            strat replica1/bayes                     | unknown command 'strat' (did you mean 'start'?); 'help' lists the commands
            start replica9/bayes                     | start: no host 'replica9' (did you mean 'replica1'?)
            start replica1/bayse                     | start: host replica1 has no instance 'bayse' (did you mean 'bayes'?)
            start replica1/tunnel/bayse              | start: host replica1 has no tunnel 'bayse' (did you mean 'bayes'?)
            start replica1/tunel/bayes               | …(did you mean 'replica1/tunnel/bayes'?)…
            start replica1/bayes2                    | start: host replica1 has no instance 'bayes2'; its tunnel is replica1/tunnel/bayes2
            start replica1                           | start: 'replica1' is a host; start an instance or a tunnel (replica1/redis or replica1/tunnel/bayes)…
            resync replica1/bayes --fll              | resync: unknown option '--fll' (did you mean '--full'?)
            stop replica1/bayes --force              | stop: takes no options, not '--force'
            restore replica1/bayes                   | restore: replica1/bayes is a replica (of master/bayes); restore a master from one of its replicas
            restore master2/bayes                    | restore: master2/bayes has no replicas in the topology to restore it from
            restore master/bayes with replica1/bayes | restore: write 'from' before the replica: restore master/bayes from REPLICA
            restore master/bayes from                | restore: missing REPLICA after 'from'…
            restore master/bayes from replica1/fuzzy | restore: replica1/fuzzy is no replica of master/bayes; replicas of master/bayes: replica1/bayes
            explain lagg                             | explain: no code 'lagg' (did you mean 'lagging'?)…
            repoint replica1/bayes master2/bayes     | repoint: write 'to' before the master: repoint replica1/bayes to HOST/INSTANCE
            repoint replica1/bayes to                | repoint: missing HOST/INSTANCE (usage: repoint HOST/INSTANCE to…
            repoint replica1/bayes to master/fuzzy   | repoint: replica1/bayes holds bayes data, master/fuzzy fuzzy data; masters for replica1/bayes: master/bayes, master2/bayes
            repoint replica1/bayes to replica1/fuzzy | …is on replica1 itself…
            repoint replica1/bayes to replica1/bayes | …cannot replicate from itself…
            logs replica1/bayes -n                   | logs: -n needs a value (-n N)
            logs replica1/bayes -n lots              | …-n takes a number of lines…
            logs replica1/bayes --grep [             | logs: --grep: invalid regular expression '['…
            theme drak                               | theme: no theme 'drak' (did you mean 'dark'?); themes: dark, light
            refresh 0                                | refresh: takes SECONDS from 0.2 to 3600…
            status replica1/bayes extra              | status: unexpected 'extra'…
            help strat                               | help: no command 'strat' (did you mean 'start'?)
            """)
    void mistakesAreOneLineWithWhatWasMeant(String line, String message) {
        assertSays(error(line), message);
    }

    @Test
    void theVerbTableSaysWhatChangesAndWhatDestroys() {
        assertThat(java.util.Arrays.stream(Verb.values()).filter(Verb::mutates))
                .containsExactly(Verb.START, Verb.STOP, Verb.RESTART, Verb.REPOINT, Verb.RESYNC, Verb.RESTORE, Verb.PROMOTE, Verb.SET);
        // start and restart destroy data only with --force (past the dataset guard); restore always replaces a dataset.
        assertThat(java.util.Arrays.stream(Verb.values()).filter(Verb::destructive))
                .containsExactly(Verb.START, Verb.RESTART, Verb.REPOINT, Verb.RESYNC, Verb.RESTORE, Verb.PROMOTE);
        assertThat(Verb.RESTORE.usage()).isEqualTo("restore MASTER [from] [REPLICA] [--force]");
        assertThat(Verb.REPOINT.usage()).isEqualTo("repoint HOST/INSTANCE to HOST/INSTANCE [--force]");
        assertThat(Verb.LOGS.usage()).isEqualTo("logs HOST/INSTANCE|HOST/tunnel/NAME [-n N] [--grep RE]");
        assertThat(Help.overview()).hasSize(Verb.values().length + 3);
        assertThat(String.join("\n", Help.of(Verb.RESYNC))).contains("--full", "type", "read-only");
    }

    @Test
    void theConsolesOwnVerbsAreInTheTableWithTheirScope() {
        assertThat(Arrays.stream(Verb.values()).filter(Verb::consoleOnly)).containsExactly(Verb.THEME, Verb.REFRESH,
                Verb.FILTER, Verb.SORT, Verb.ACK, Verb.SETUP);
        assertThat(parse("filter")).isEqualTo(new Command.Filter(""));
        assertThat(parse("sort name")).isEqualTo(new Command.Sort(Command.Sort.Order.NAME));
        assertThat(error("sort")).isEqualTo("sort: missing health|name (usage: sort health|name)");
        assertThat(error("sort nme")).isEqualTo("sort: sorts by health or name, not 'nme' (did you mean 'name'?)");
        assertThat(parse("ack")).isEqualTo(new Command.Ack(Optional.empty()));
        assertThat(parse("ack 8h")).isEqualTo(new Command.Ack(Optional.of(Duration.ofHours(8))));
        assertThat(parse("ack 90m").text()).isEqualTo("ack 90m");
        assertThat(parse("ack 2d").text()).isEqualTo("ack 2d");
        assertThat(error("ack 31d")).isEqualTo("ack: takes a DURATION such as 30m, 8h or 2d (at most 30d), not '31d'");
        assertThat(error("ack 8")).isEqualTo("ack: takes a DURATION such as 30m, 8h or 2d (at most 30d), not '8'");
        assertThat(parser().parse(List.of("filter", "replica2", "--full"))).isEqualTo(new Command.Filter("replica2 --full"));
        assertThat(parser().parse("filter 'a  b' c")).isEqualTo(new Command.Filter("a  b c"));
        assertThat(parse("setup")).isEqualTo(new Command.Setup(Optional.empty()));
        assertThat(parse("setup replica1")).isEqualTo(new Command.Setup(Optional.of("replica1")));
        assertThat(parse("theme")).isEqualTo(new Command.Theme(Optional.empty()));
        assertThat(parse("quit")).isEqualTo(parse("q"));
        // The refresh bounds: one constant behind the help text, the parser and --refresh.
        assertThat(Verb.REFRESH.summary()).isEqualTo("Probe every SECONDS (0.2 to 3600).");
        assertThat(((Command.Refresh) parse("refresh 3600")).interval()).isEqualTo(Duration.ofHours(1));
        assertThat(((Command.Refresh) parse("refresh 0.2")).interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(error("refresh 3600.5")).isEqualTo("refresh: takes SECONDS from 0.2 to 3600, not '3600.5'");
        assertThat(error("refresh 0.19")).isEqualTo("refresh: takes SECONDS from 0.2 to 3600, not '0.19'");
        assertThat(String.join("\n", Help.of(Verb.FILTER))).contains("usage: filter [TEXT]",
                "Runs only in the full-screen console (repcon console).");
        assertThat(Help.overview()).anyMatch(l -> l.startsWith("setup [HOST]") && l.endsWith(" +"))
                .contains("+ runs only in the full-screen console (repcon console).");
    }

    @Test
    void theShellIsNotOfferedTheConsolesVerbs() {
        Topology t = TwoMasters.topology(39, dir);
        Completion console = Completion.console(t, () -> List.of("dark", "light"));
        Completion shell = Completion.shell(t);
        assertThat(console.forLine("fil")).containsExactly("filter");
        assertThat(shell.forLine("fil")).isEmpty();
        assertThat(console.forLine("help s")).containsExactly("help status", "help start", "help stop", "help set",
                "help sort", "help setup");
        assertThat(console.forLine("sort ")).containsExactly("sort health", "sort name");
        assertThat(console.forLine("filter p")).containsExactly("filter problems");
        assertThat(shell.forLine("so")).isEmpty();
        assertThat(shell.forLine("help s")).containsExactly("help status", "help start", "help stop", "help set");
        assertThat(console.forLine("setup ")).containsExactly("setup master", "setup master2", "setup replica1");
        assertThat(console.forLine("refresh ")).isEmpty();
        assertThat(console.forLine("theme ")).containsExactly("theme dark", "theme light");
        assertThat(console.forLine("logs 'open")).isEmpty();
    }

    @Test
    void completionOffersOnlyWhatFits() {
        Topology t = TwoMasters.topology(39, dir);
        Completion c = Completion.console(t, () -> List.of("dark", "light"));
        assertThat(c.candidates(List.of("re"), 0)).containsExactly("restart", "repoint", "resync", "restore", "refresh");
        assertThat(c.candidates(List.of("restore", ""), 1)).containsExactly("master/bayes", "master/fuzzy");
        assertThat(c.candidates(List.of("restore", "master/bayes", ""), 2)).containsExactly("from");
        assertThat(c.candidates(List.of("restore", "master/bayes", "from", ""), 3)).containsExactly("replica1/bayes");
        assertThat(c.candidates(List.of("start", "replica1/"), 1)).containsExactly("replica1/redis", "replica1/bayes",
                "replica1/fuzzy", "replica1/tunnel/bayes", "replica1/tunnel/bayes2", "replica1/tunnel/fuzzy");
        assertThat(c.candidates(List.of("resync", ""), 1)).containsExactly("replica1/bayes", "replica1/fuzzy");
        assertThat(c.candidates(List.of("resync", "replica1/bayes", ""), 2)).containsExactly("--full");
        assertThat(c.candidates(List.of("repoint", "replica1/bayes", ""), 2)).containsExactly("to");
        // Only masters of the same kind, on another host: not itself, not replica1's own, not master/fuzzy.
        assertThat(c.candidates(List.of("repoint", "replica1/bayes", "to", ""), 3)).containsExactly("master/bayes", "master2/bayes");
        assertThat(c.candidates(List.of("repoint", "replica1/fuzzy", "to", ""), 3)).containsExactly("master/fuzzy");
        assertThat(c.candidates(List.of("repoint", "nothing/here", "to", ""), 3)).isEmpty();
        assertThat(c.candidates(List.of("repoint", "replica1/bayes", "to", "master2/bayes", ""), 4)).containsExactly("--force");
        assertThat(c.candidates(List.of("explain", "lo"), 1)).containsExactly("local-tunnel-down");
        assertThat(c.candidates(List.of("logs", "replica1/bayes", "-"), 2)).containsExactly("-n", "--grep");
        assertThat(c.candidates(List.of("logs", "replica1/bayes", "-n", ""), 3)).isEmpty();
        assertThat(c.candidates(List.of("logs", "replica1/bayes", "-n", "5", "--"), 4)).containsExactly("--grep");
        assertThat(c.candidates(List.of("status", "m"), 1)).containsExactly("master", "master2", "master/bayes",
                "master/fuzzy", "master2/bayes", "master/tunnel/bayes", "master/tunnel/fuzzy", "master2/tunnel/bayes",
                "master2/tunnel/back");
        assertThat(c.candidates(List.of("theme", ""), 1)).containsExactly("dark", "light");
        assertThat(c.candidates(List.of("help", "pr"), 1)).containsExactly("promote");
        assertThat(c.candidates(List.of("nonsense", ""), 1)).isEmpty();
    }
}
