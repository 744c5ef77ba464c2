package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which terminals the console refuses, against a terminfo directory of the test's own. */
class FullScreenTest {

    @TempDir
    Path terminfo;

    private List<Path> dirs() throws IOException {
        Files.createDirectories(terminfo.resolve("x"));
        Files.writeString(terminfo.resolve("x/xterm-256color"), "entry");
        Files.createDirectories(terminfo.resolve("74"));
        Files.writeString(terminfo.resolve("74/tmux-256color"), "entry"); // macOS layout: hex of 't'
        return List.of(terminfo);
    }

    @Test
    void aKnownTerminalOnATtyIsDriven() throws IOException {
        assertThat(FullScreen.refusal(Map.of("TERM", "xterm-256color"), true, dirs())).isEmpty();
        assertThat(FullScreen.refusal(Map.of("TERM", "tmux-256color"), true, dirs())).isEmpty();
    }

    @Test
    void dumbUnsetUnknownAndNoTtyAreRefusedWithOneLinePointingToStatusWatch() throws IOException {
        assertThat(FullScreen.refusal(Map.of("TERM", "dumb"), true, dirs())).hasValue(
                "TERM=dumb cannot show the full-screen console; use 'repcon status --watch' for a plain-text view");
        assertThat(FullScreen.refusal(Map.of(), true, dirs())).get().asString()
                .startsWith("the console needs a terminal type (TERM is not set)").endsWith(FullScreen.INSTEAD);
        assertThat(FullScreen.refusal(Map.of("TERM", "vt-nonesuch"), true, dirs())).get().asString()
                .startsWith("TERM=vt-nonesuch is not known to terminfo").endsWith(FullScreen.INSTEAD);
        assertThat(FullScreen.refusal(Map.of("TERM", "../x/xterm-256color"), true, dirs())).get().asString()
                .contains("not known to terminfo");
        assertThat(FullScreen.refusal(Map.of("TERM", "xterm-256color"), false, dirs())).get().asString()
                .startsWith("the console needs a terminal (stdin and stdout are not a tty)").doesNotContain("\n");
    }

    @Test
    void terminfoIsSearchedWhereNcursesSearches() {
        List<Path> dirs = FullScreen.terminfoDirs(Map.of("TERMINFO", "/a", "HOME", "/h", "TERMINFO_DIRS", "/b::/c"));
        assertThat(dirs).startsWith(Path.of("/a"), Path.of("/h/.terminfo"), Path.of("/b"), Path.of("/c"))
                .contains(Path.of("/usr/share/terminfo"), Path.of("/lib/terminfo"));
    }
}
