package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Await;
import org.repcon.util.Pids;

/**
 * The remote command line, run here by sh -c as sshd has the login shell run it: arguments arrive exactly,
 * and the wrapper passes the exit status through. (SshTransportTest does the same through a real sshd.)
 */
class RemoteShellTest {

    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner();

    @AfterEach
    void close() {
        runner.close();
    }

    /** With stdin held open, as the ssh session's is until it ends. */
    private ExecResult asLoginShell(List<String> argv) {
        return runner.run(List.of("sh", "-c", RemoteShell.command(argv)), Map.of(), Duration.ofSeconds(10), true).toResult(argv);
    }

    @Test
    void quotingIsPosixSingleQuotes() {
        assertThat(RemoteShell.quote("plain")).isEqualTo("'plain'");
        assertThat(RemoteShell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(RemoteShell.quote("")).isEqualTo("''");
        assertThat(RemoteShell.command(List.of("tail", "-F", "/var/log/redis/bayes.log")))
                .isEqualTo("sh -c '" + RemoteShell.WRAPPER.replace("'", "'\\''") + "' sh 'tail' '-F' '/var/log/redis/bayes.log'");
        assertThat(RemoteShell.WRAPPER).doesNotContain("\n");
    }

    @Test
    void argumentsArriveExactly() {
        List<String> nasty = List.of("with space", "it's", "\"dq\"", "$(id)", "`id`", "a;b", "new\nline", "back\\slash",
                "*", "", "-n", "$HOME", "'\\''", "\ttab", "!x", "a|b&c>d<e", "#c", "~", "{a,b}");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(nasty);
        ExecResult r = asLoginShell(argv);
        assertThat(r.exitCode()).as(r.summary()).isZero();
        assertThat(Arrays.asList(r.stdout().split("\0", -1)).subList(0, nasty.size())).isEqualTo(nasty);
    }

    @Test
    void theWrapperKeepsTheExitStatusAndStdinIsEmpty() {
        assertThat(asLoginShell(List.of("sh", "-c", "exit 7")).exitCode()).isEqualTo(7);
        assertThat(asLoginShell(List.of("repcon-no-such-command")).exitCode()).isEqualTo(127);
        assertThat(asLoginShell(List.of("cat")).ok()).isTrue();
        ExecResult r = asLoginShell(List.of("sh", "-c", "echo out; echo err >&2"));
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void theEndOfStdinKillsTheCommand() throws Exception {
        Path pidFile = dir.resolve("sleep.pid");
        Process session = new ProcessBuilder("sh", "-c",
                RemoteShell.command(List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30"))).start();
        long sleep = Await.value("the command started (its pid in " + pidFile + ")", Duration.ofSeconds(10),
                () -> Pids.read(pidFile), Optional::isPresent).orElseThrow();

        session.getOutputStream().close(); // what sshd does to the session when the connection ends

        assertThat(session.waitFor(5, TimeUnit.SECONDS)).as("the wrapper ends").isTrue();
        assertThat(session.exitValue()).isEqualTo(128 + 15); // its command was killed with SIGTERM
        assertThat(Pids.waitGone(sleep, Duration.ofSeconds(5))).as("the command is gone").isTrue();
    }
}
