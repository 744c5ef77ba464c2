package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Tools;
import org.repcon.util.RepconException;

/** The socket directory: made private, and refused in one line when it is not (never loosened or taken over). */
class SshSocketsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsMadeOwnerOnly() throws Exception {
        Path run = dir.resolve("a/run");
        SshSockets.prepare(SshSockets.next(run));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        Path control = SshSockets.next(run);
        assertThat(SshSockets.forward(control, 3)).isEqualTo(run.resolve(control.getFileName() + "-3"));
    }

    @Test
    void aDirectoryOthersMayEnterIsRefusedAndLeftAsItIs() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx-----x"));
        assertThatThrownBy(() -> SshSockets.prepareDirectory(run)).isInstanceOf(RepconException.class)
                .hasMessage("ssh socket directory " + run + " must have mode 0700 (it is rwx-----x): other users could"
                        + " reach your hosts through it; chmod 700 " + run);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx-----x");
    }

    @Test
    void aDirectoryOfSomeoneElseIsRefused() throws Exception {
        Tools.requireRoot("to give a directory to another user");
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        UserPrincipal nobody = run.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(run, nobody);
        assertThatThrownBy(() -> SshSockets.prepareDirectory(run)).isInstanceOf(RepconException.class)
                .hasMessage("ssh socket directory " + run + " belongs to someone else; remove it or set XDG_RUNTIME_DIR"
                        + " to a directory of your own");
    }

    @Test
    void aSymbolicLinkIsRefusedEvenToAPrivateDirectory() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(dir.resolve("run"), real);
        assertThatThrownBy(() -> SshSockets.prepareDirectory(link)).isInstanceOf(RepconException.class)
                .hasMessageStartingWith("ssh socket directory " + link + " must have mode 0700");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS)).hasSize(3);
    }

    @Test
    void aPathTooLongForASocketIsRefusedBeforeAnythingIsMade() {
        Path deep = dir.resolve("x".repeat(SshSockets.MAX_PATH_BYTES));
        assertThatThrownBy(() -> SshSockets.prepare(SshSockets.next(deep))).isInstanceOf(RepconException.class)
                .hasMessageContaining("longer than the " + SshSockets.MAX_PATH_BYTES + " a socket allows; set XDG_RUNTIME_DIR");
        assertThat(deep).doesNotExist();
    }
}
