package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.testing.Tools;

/** The transport contract on this machine, and what only a local transport does (no shell: it starts the program). */
class LocalTransportTest extends TransportContractTest {

    private final LocalTransport local = closing(new LocalTransport());

    @Override
    Transport newTransport() {
        return new LocalTransport();
    }

    @Test
    void reachIsTheAddressItself() {
        assertThat(local.reach("127.0.0.3", 6378)).isEqualTo(new Endpoint.Tcp("127.0.0.3", 6378));
        assertThat(local.describe()).isEqualTo("local");
    }

    @Test
    void execHasNoShell() {
        assertThat(local.exec(List.of("echo", "$HOME", ";", "x"), T).stdout()).isEqualTo("$HOME ; x\n");
    }

    @Test
    void aCommandThatCannotStartIsExit127SaidAsSuch() {
        ExecResult r = local.exec(List.of("/nonexistent/repcon-no-such-command"), T);
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).startsWith("cannot run /nonexistent/repcon-no-such-command");

        List<String> lines = new ArrayList<>();
        try (Follow follow = local.follow(List.of("/nonexistent/repcon-no-such-command"), lines::add)) {
            assertThat(follow.running()).isFalse();
            assertThat(follow.ended().orElseThrow()).startsWith("cannot run /nonexistent/repcon-no-such-command");
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void timeoutKillsTheProcessAndItsChildren() throws IOException {
        Path pidFile = dir.resolve("child.pid");
        ExecResult r = local.exec(List.of("sh", "-c", "sleep 30 & echo $! > " + pidFile + "; wait"), Duration.ofMillis(300));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        awaitGone(Long.parseLong(Files.readString(pidFile).strip())); // the child sleep, not only the shell
    }

    @Test
    void aBackgroundChildHoldingThePipeDoesNotHoldTheCaller() {
        // The shell exits at once; its child keeps stdout open for 30 s. Within the 10 s limit means it did not wait.
        ExecResult r = local.exec(List.of("sh", "-c", "echo started; (sleep 30; echo late) &"), T);

        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("started").doesNotContain("late");
    }

    @Test
    void outputIsBounded() {
        ExecResult r = local.exec(List.of("sh", "-c", "head -c 5000000 /dev/zero; echo done >&2"), T);

        assertThat(r.exitCode()).isZero();
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout()).hasSize(ProcessRunner.MAX_OUTPUT_BYTES);
        assertThat(r.stderr()).isEqualTo("done\n");
    }

    @Test
    void writeFileKeepsTheOwnerAndGroupOfTheFileItReplaces() throws IOException {
        Tools.requireRoot("to give a file to another owner");
        Path f = dir.resolve("redis-bayes.conf");
        Files.writeString(f, "port 6378\n");
        var lookup = f.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(f, lookup.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(f, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
        local.writeFile(f.toString(), "port 6379\n", 0640);
        var a = Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class);
        assertThat(a.owner().getName()).isEqualTo("nobody");
        assertThat(a.group().getName()).isEqualTo("nogroup");
        assertThat(Files.readString(f)).isEqualTo("port 6379\n");
    }
}
