package org.repcon.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.repcon.testing.Messages.assertSays;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.testing.TwoMasters;
import org.repcon.util.RepconException;

/** {@code set}'s words: the managed directives only, each value checked for what Redis reads, one line per mistake. */
class SetCommandTest {

    @TempDir
    Path dir;

    private Command.Set parse(String line) {
        return (Command.Set) new CommandParser(TwoMasters.topology(39, dir)).parse(line);
    }

    private String error(String line) {
        try {
            parse(line);
        } catch (RepconException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("parsed: " + line);
    }

    @Test
    void eachDirectiveWithItsValueInTheFormTheFileGets() {
        assertThat(parse("set master/bayes repl-backlog-size 64MB").value()).containsExactly("64mb");
        assertThat(parse("set master/bayes client-output-buffer-limit 512mb 128mb 60").text())
                .isEqualTo("set master/bayes client-output-buffer-limit 512mb 128mb 60");
        assertThat(parse("set replica1/bayes masterauth").value()).isEmpty();
        assertThat(parse("set replica1/bayes REPLICA-READ-ONLY Yes").setting()).isEqualTo(Setting.REPLICA_READ_ONLY);
        assertThat(parse("set master/bayes maxmemory 0").value()).containsExactly("0");
        assertThat(parse("set master/bayes min-replicas-to-write 1").value()).containsExactly("1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            set master/bayes save 60                               | set: 'save' is not a directive repcon manages; it sets replica-read-only, repl-backlog-size, client-output-buffer-limit, maxmemory, min-replicas-to-write, masterauth
            set master/bayes maxmemroy 1gb                         | …(did you mean 'maxmemory'?)…
            set replica1/bayes masterauth hunter2                  | set: masterauth takes no value: it is set to the password its master has in the topology (a password is never typed on a command line)
            set master/bayes repl-backlog-size 1kb                 | set: 1kb is below Redis's smallest backlog, 16kb; repl-backlog-size takes SIZE (16kb or more, e.g. 64mb)
            set master/bayes repl-backlog-size lots                | set: 'lots' is no size…
            set master/bayes replica-read-only maybe               | set: 'maybe' is neither yes nor no…
            set master/bayes repl-backlog-size                     | set: repl-backlog-size takes one value, not 0 words…
            set master/bayes client-output-buffer-limit 1mb 2mb 60 | set: the soft limit 2mb is above the hard limit 1mb…
            set master/bayes client-output-buffer-limit 1mb 60     | set: client-output-buffer-limit takes three words, not 2…
            set master/bayes min-replicas-to-write -1              | set: '-1' is no number of replicas…
            set master                                             | set: missing PARAMETER (one of replica-read-only, …
            set master repl-backlog-size 1mb                       | set: 'master' is a host; name an instance (HOST/INSTANCE)
            """)
    void anythingElseIsRefusedWithItsReason(String line, String message) {
        assertSays(error(line), message);
    }

    @Test
    void aValueWithALineBreakIsRefused() {
        // A word as a suggestion or a script hands it, unsplit: a line break could have smuggled in a directive.
        assertThatThrownBy(() -> new CommandParser(TwoMasters.topology(39, dir)).parse(List.of("set", "master/bayes", "maxmemory",
                "1gb\nslaveof 1.2.3.4 6379"))).hasMessage("set: maxmemory takes letters and digits only; maxmemory takes SIZE (0: no limit)");
    }

    @Test
    void sizesReadAsRedisReadsThem() {
        assertThat(Setting.bytes("1k")).hasValue(1000);
        assertThat(Setting.bytes("1kb")).hasValue(1024);
        assertThat(Setting.bytes("96M")).hasValue(96_000_000);
        assertThat(Setting.bytes("2gb")).hasValue(2L << 30);
        assertThat(Setting.bytes("12")).hasValue(12);
        assertThat(Setting.bytes("1.5mb")).isEmpty();
        assertThat(Setting.REPL_BACKLOG_SIZE.inForce("67108864", List.of("64mb"))).isTrue();
        assertThat(Setting.CLIENT_OUTPUT_BUFFER_LIMIT.inForce("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                List.of("replica", "256mb", "64mb", "60"))).isTrue();
        assertThat(Setting.CLIENT_OUTPUT_BUFFER_LIMIT.inForce("normal 0 0 0 replica 1024 1024 0 pubsub 33554432 8388608 60",
                List.of("replica", "256mb", "64mb", "60"))).isFalse();
    }

    @Test
    void completionOffersTheDirectivesAndYesOrNo() {
        Completion c = Completion.shell(TwoMasters.topology(39, dir));
        assertThat(c.forLine("set replica1/bayes m")).containsExactly("set replica1/bayes maxmemory",
                "set replica1/bayes min-replicas-to-write", "set replica1/bayes masterauth");
        assertThat(c.forLine("set replica1/bayes replica-read-only ")).containsExactly("set replica1/bayes replica-read-only yes",
                "set replica1/bayes replica-read-only no");
    }
}
