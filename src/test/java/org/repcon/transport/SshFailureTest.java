package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ssh's stderr, as OpenSSH 9.2 writes it, into one line. */
class SshFailureTest {

    @Test
    void aPlainFailureIsItsLastLine() {
        assertThat(SshFailure.message("mx1", "ssh: connect to host mx1 port 22: Connection refused\n"))
                .isEqualTo("ssh to mx1 failed: connect to host mx1 port 22: Connection refused");
        assertThat(SshFailure.message("mx1", "ssh: Could not resolve hostname mx1: Name or service not known\r\n"))
                .isEqualTo("ssh to mx1 failed: Could not resolve hostname mx1: Name or service not known");
        assertThat(SshFailure.message("mx1", "admin@mx1: Permission denied (publickey).\n"))
                .isEqualTo("ssh to mx1 failed: admin@mx1: Permission denied (publickey).");
        assertThat(SshFailure.message("mx1", "")).isEqualTo("ssh to mx1 failed: the connection was lost");
    }

    @Test
    void aChangedHostKeyIsNamedAsSuch() {
        String stderr = """
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
                Offending ED25519 key in /home/op/.ssh/known_hosts:1
                Host key for mx1 has changed and you have requested strict checking.
                Host key verification failed.
                """;
        assertThat(SshFailure.reason(stderr)).startsWith("Host key verification failed: the host's key has CHANGED");
    }

    @Test
    void anUnknownHostKeyIsNamedAsSuch() {
        assertThat(SshFailure.reason("No ED25519 host key is known for mx1 and you have requested strict checking.\n"
                + "Host key verification failed.\n"))
                .isEqualTo("Host key verification failed: its key is not in known_hosts; check it and record it"
                        + " by connecting once with ssh");
    }

    @Test
    void controlCharactersDoNotReachTheScreen() {
        assertThat(SshFailure.reason("bad \u001b[31mred\n")).isEqualTo("bad ?[31mred");
    }

    @Test
    void aMissingSshSaysWhatToInstall() {
        assertThat(SshFailure.cannotRun("mx1", "cannot run ssh: Cannot run program \"ssh\": error=2, No such file or directory"))
                .isEqualTo("ssh to mx1 failed: cannot run ssh: Cannot run program \"ssh\": error=2, No such file or directory;"
                        + " install openssh-client");
        assertThat(SshFailure.cannotRun("mx1", "cannot run ssh: invalid null character in command"))
                .isEqualTo("ssh to mx1 failed: cannot run ssh: invalid null character in command");
    }

    @Test
    void muxLayerFailuresAreRecognised() {
        assertThat(SshFailure.isMuxFailure("mux_client_request_session: session request failed: Session open refused by peer"))
                .isTrue();
        assertThat(SshFailure.isMuxFailure("tail: cannot open 'x'")).isFalse();
    }
}
