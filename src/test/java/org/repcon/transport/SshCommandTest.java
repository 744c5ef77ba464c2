package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcon.topology.Access;
import org.repcon.util.RepconException;

/** The ssh command lines: what repcon owns comes first (ssh keeps the first value), the address last after "--". */
class SshCommandTest {

    private static SshCommand command(List<String> options) {
        Access access = new Access(Access.Method.SSH, Optional.of("admin"), Optional.of(2222), options);
        return new SshCommand("mx1", "mx1.example.org", access, Duration.ofMillis(2500), Path.of("/run/user/0/repcon/ssh-1-1"));
    }

    @Test
    void ownedOptionsComeFirstThenTheTopologysThenOverridableDefaults() {
        List<String> argv = command(List.of("-J", "jump.example.org", "-o", "StrictHostKeyChecking=accept-new"))
                .session("REMOTE");

        assertThat(argv).startsWith("ssh", "-o", "ControlMaster=no", "-o", "BatchMode=yes",
                "-o", "ControlPath=/run/user/0/repcon/ssh-1-1");
        assertThat(argv).endsWith("--", "mx1.example.org", "REMOTE");
        String line = String.join(" ", argv);
        assertThat(line).contains("-l admin -p 2222 -J jump.example.org -o StrictHostKeyChecking=accept-new"
                + " -o StrictHostKeyChecking=yes -o ConnectTimeout=3 -o ServerAliveInterval=5 -o ServerAliveCountMax=3");
        assertThat(line.indexOf("BatchMode=yes")).isLessThan(line.indexOf("-J"));
    }

    @Test
    void theMasterPersistsInTheBackgroundAndControlRequestsNameTheOperation() {
        SshCommand c = command(List.of());
        assertThat(c.master()).containsSubsequence("-o", "ControlMaster=yes", "-o", "ControlPersist=60", "-N")
                .endsWith("--", "mx1.example.org");
        assertThat(c.control("forward", "-L", "127.0.0.1:4000:localhost:6379"))
                .containsSubsequence("-O", "forward", "-L", "127.0.0.1:4000:localhost:6379", "--", "mx1.example.org");
        assertThat(c.describe()).isEqualTo("ssh admin@mx1.example.org:2222");
    }

    @Test
    void aPercentInTheSocketPathIsNotAToken() {
        Access access = new Access(Access.Method.SSH, Optional.empty(), Optional.empty(), List.of());
        SshCommand c = new SshCommand("h", "h", access, Duration.ofSeconds(5), Path.of("/tmp/a%b/ssh-1-1"));
        assertThat(c.master()).contains("ControlPath=/tmp/a%%b/ssh-1-1");
    }

    @Test
    void connectionShapingOptionsAreAccepted() {
        SshCommand.checkOptions("mx1", List.of("-J", "admin@jump:2200", "-o", "IdentityFile=~/.ssh/repcon", "-F",
                "/etc/repcon/ssh_config", "-i", "key", "-4C", "-oProxyJump=j2", "-o", "StrictHostKeyChecking accept-new"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"StrictHostKeyChecking=no", "stricthostkeychecking = off", "StrictHostKeyChecking \"no\"",
            "StrictHostKeyChecking=false"})
    void hostKeyCheckingCannotBeTurnedOff(String option) {
        assertThatThrownBy(() -> SshCommand.checkOptions("mx1", List.of("-o", option)))
                .isInstanceOf(RepconException.class)
                .hasMessageStartingWith("host mx1: ssh.options: -o StrictHostKeyChecking=")
                .hasMessageContaining("repcon always checks host keys");
        assertThatThrownBy(() -> SshCommand.checkOptions("mx1", List.of("-o" + option))).isInstanceOf(RepconException.class);
    }

    @Test
    void flagsThatWouldBreakRepconAreRefusedWithTheReason() {
        assertThat(refusal("-t")).isEqualTo("host mx1: ssh.options: ssh flag -t is not allowed (repcon runs ssh itself,"
                + " without a terminal); allowed: -o -J -F -i and other flags that shape the connection");
        assertThat(refusal("-N")).contains("flag -N is not allowed");
        assertThat(refusal("-q")).as("would hide why a connection failed").contains("flag -q is not allowed");
        assertThat(refusal("-4t")).contains("flag -t is not allowed");
        assertThat(refusal("-l", "root")).isEqualTo("host mx1: ssh.options: give the user as 'ssh.user' rather than -l");
        assertThat(refusal("-p", "22")).isEqualTo("host mx1: ssh.options: give the port as 'ssh.port' rather than -p");
        assertThat(refusal("-o", "ControlPath=/tmp/x")).isEqualTo("host mx1: ssh.options: -o ControlPath is set by repcon"
                + " itself; remove it");
        assertThat(refusal("-o", "RemoteCommand=bash")).contains("-o RemoteCommand is set by repcon itself");
        assertThat(refusal("mx1.example.org")).contains("'mx1.example.org' is not an ssh flag");
        assertThat(refusal("--")).contains("'--' is not an ssh flag");
        assertThat(refusal("-J")).isEqualTo("host mx1: ssh.options: ssh flag -J needs a value after it");
    }

    private static String refusal(String... options) {
        try {
            SshCommand.checkOptions("mx1", List.of(options));
        } catch (RepconException e) {
            assertThat(e.exitCode()).isEqualTo(RepconException.INVALID_INPUT);
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + List.of(options));
    }
}
