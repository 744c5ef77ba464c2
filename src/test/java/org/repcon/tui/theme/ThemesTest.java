package org.repcon.tui.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.util.RepconException;

class ThemesTest {

    @TempDir
    Path userDir;

    @Test
    void bundledThemesAllLoad() {
        Themes themes = new Themes(userDir);
        assertThat(themes.names()).startsWith("dark").contains("light", "mono");
        for (String name : themes.names()) {
            Theme theme = themes.load(name);
            for (Role role : Role.values()) assertThat(theme.spec(role)).as("%s in %s", role, name).isNotNull();
        }
    }

    @Test
    void monoUsesOnlyTheTerminalsColours() {
        Theme mono = new Themes(userDir).load("mono");
        for (Role role : Role.values()) assertThat(mono.spec(role).color()).isEqualTo(ThemeColor.DEFAULT);
        assertThat(mono.spec(Role.SELECTION_FG).attributes()).contains(SGR.REVERSE);
        assertThat(mono.spec(Role.CRIT).attributes()).contains(SGR.BOLD);
    }

    @Test
    void userThemesAreListedAndWinOverBundledOnes() throws IOException {
        List<String> dark = new ArrayList<>(Files.readAllLines(Path.of("themes", "dark.yaml")));
        Files.write(userDir.resolve("night.yaml"), dark);
        dark.replaceAll(l -> l.startsWith("crit:") ? "crit: \"#123456\"" : l);
        Files.write(userDir.resolve("dark.yaml"), dark);
        Themes themes = new Themes(userDir);
        assertThat(themes.names()).containsOnlyOnce("dark").contains("night");
        assertThat(themes.load("dark").spec(Role.CRIT).color()).isEqualTo(new ThemeColor.Rgb(0x12, 0x34, 0x56));
        assertThat(themes.load("night").name()).isEqualTo("night");
    }

    @Test
    void unknownThemeSaysWhichExist() {
        assertThatThrownBy(() -> new Themes(userDir).load("drak"))
                .isInstanceOf(RepconException.class)
                .hasMessage("unknown theme 'drak' (did you mean 'dark'?); themes: dark, light, mono");
    }

    @Test
    void aUserThemeInTheOldFormatIsNamedWithWhatToDo() throws IOException {
        Files.writeString(userDir.resolve("night.theme"), "crit = #ff0000 bold\n");
        assertThatThrownBy(() -> new Themes(userDir).load("night"))
                .hasMessage(userDir.resolve("night.theme") + ": themes are YAML files now: write it as "
                        + userDir.resolve("night.yaml") + ", one 'role: \"colour [attributes]\"' a line (as in the bundled dark.yaml)");
    }

    @Test
    void aBrokenUserThemeIsOneLineWithItsPathLineAndColumn() throws IOException {
        Path file = userDir.resolve("night.yaml");
        Files.writeString(file, complete() + "crt: red\n");
        assertThatThrownBy(() -> new Themes(userDir).load("night"))
                .isInstanceOf(RepconException.class)
                .hasMessageStartingWith(file + ":" + (Role.values().length + 1) + ":1: unknown role 'crt' (did you mean 'crit'?)");
    }

    @Test
    void errorsNameTheFileLineAndColumn() {
        assertThat(error("ok: \"#00ff00\"\ncrt: \"#ff0000\""))
                .startsWith("t.yaml:2:1: unknown role 'crt' (did you mean 'crit'?); roles: text, background,");
        assertThat(error("\n\nok: green-ish")).startsWith("t.yaml:3:5: 'green-ish' is not a colour: use #rrggbb or an ANSI name (default, black,");
        assertThat(error("ok: \"#12345\"")).startsWith("t.yaml:1:6: '#12345' is not a colour");
        assertThat(error("ok: green blod")).isEqualTo("t.yaml:1:11: unknown attribute 'blod' (did you mean 'bold'?);"
                + " attributes: bold, reverse, underline, italic");
        assertThat(error("ok: \"#00ff00  blod\"")).startsWith("t.yaml:1:15: unknown attribute 'blod'");
        assertThat(error("header.bg: blue bold")).isEqualTo("t.yaml:1:17: 'header.bg' is a background colour: put 'bold' on 'header.fg'");
        assertThat(error("ok: green\nok: red")).isEqualTo("t.yaml:2:1: 'ok' is already set on line 1");
        assertThat(error("ok: green")).startsWith("t.yaml:1:1: missing roles: text, background, muted, accent, warn,");
    }

    @Test
    void anUnquotedHashColourIsACommentToYamlAndTheErrorSaysSo() {
        assertThat(error("text: default\nmuted: #8a8a8a")).isEqualTo("t.yaml:2:7: 'muted' needs a colour; quote a #rrggbb colour"
                + " (muted: \"#8a8a8a\"): unquoted, YAML reads '#' as the start of a comment");
        assertThat(error("muted:")).isEqualTo("t.yaml:1:7: 'muted' needs a colour");
    }

    @Test
    void shapesAndYamlSyntaxAreOneLineErrorsToo() {
        assertThat(error("- text: default")).startsWith("t.yaml:1:1: a theme is a mapping of roles to colours, one 'role: \"colour");
        assertThat(error("ok: [green, bold]")).startsWith("t.yaml:1:5: 'ok' takes a colour and attributes in one value");
        assertThat(error("# only a comment\n")).startsWith("t.yaml:1:1: the file is empty; a theme sets each role:");
        assertThat(error("ok: green\n\tcrit: red")).isEqualTo("t.yaml:2:1: YAML syntax: a tab character here; YAML indents with spaces only");
        assertThat(error("ok: \"green\ncrit: red")).isEqualTo("t.yaml:1:5: YAML syntax: this quote is not closed");
        assertThat(error("ok: green\n  crit: red")).startsWith("t.yaml:2:7: YAML syntax: mapping values are not allowed here");
        assertThat(error("ok: !!binary Z3JlZW4=")).startsWith("t.yaml:1:5: 'ok' takes a colour and attributes in one value")
                .endsWith("not a value tagged !!binary");
        assertThat(error("ok: green\n---\ncrit: red")).isEqualTo("t.yaml:2:1: YAML syntax: a second document ('---'); a theme file holds one");
    }

    @Test
    void commentsAndOptionalRoles() {
        List<String> lines = new ArrayList<>();
        for (Role r : Role.values()) {
            if (r.fallback() == null && r != Role.ACCENT) lines.add(r.key() + ":   \"#102030\"   # a comment");
        }
        lines.add("# a comment line");
        lines.add("accent: bright_cyan bold");
        Theme t = ThemeFile.parse("t", "t.yaml", String.join("\n", lines));
        assertThat(t.spec(Role.TITLE)).isEqualTo(t.spec(Role.ACCENT));
        assertThat(t.spec(Role.ACCENT).color()).isEqualTo(new ThemeColor.Named(TextColor.ANSI.CYAN_BRIGHT));
        assertThat(t.spec(Role.BADGE_BG).attributes()).isEmpty();
        assertThat(t.spec(Role.MUTED).color()).isEqualTo(new ThemeColor.Rgb(0x10, 0x20, 0x30));
    }

    @Test
    void colourDepthFromTheEnvironment() {
        assertThat(ColorDepth.detect(java.util.Map.of("COLORTERM", "truecolor", "TERM", "xterm"))).isEqualTo(ColorDepth.TRUECOLOR);
        assertThat(ColorDepth.detect(java.util.Map.of("COLORTERM", "24bit"))).isEqualTo(ColorDepth.TRUECOLOR);
        assertThat(ColorDepth.detect(java.util.Map.of("TERM", "tmux-256color"))).isEqualTo(ColorDepth.XTERM_256);
        assertThat(ColorDepth.detect(java.util.Map.of("TERM", "xterm-256color"))).isEqualTo(ColorDepth.XTERM_256);
        assertThat(ColorDepth.detect(java.util.Map.of("TERM", "screen"))).isEqualTo(ColorDepth.ANSI_16);
        assertThat(ColorDepth.detect(java.util.Map.of("TERM", "linux"))).isEqualTo(ColorDepth.ANSI_16);
        assertThat(ColorDepth.detect(java.util.Map.of())).isEqualTo(ColorDepth.ANSI_16);
    }

    @Test
    void nearestColours() {
        assertThat(ColorDepth.nearest256(255, 0, 0)).isEqualTo(196);
        assertThat(ColorDepth.nearest256(0x5f, 0xaf, 0xff)).isEqualTo(75);
        assertThat(ColorDepth.nearest256(128, 128, 128)).isEqualTo(244);
        assertThat(ColorDepth.nearest256(0x1c, 0x1c, 0x1c)).isEqualTo(234);
        assertThat(ColorDepth.nearestAnsi(0xff, 0x5f, 0x5f)).isEqualTo(TextColor.ANSI.RED_BRIGHT);
        assertThat(ColorDepth.nearestAnsi(0x1c, 0x1c, 0x1c)).isEqualTo(TextColor.ANSI.BLACK);
        assertThat(ColorDepth.nearestAnsi(0x5f, 0xd7, 0x5f)).isEqualTo(TextColor.ANSI.GREEN);
        assertThat(ColorDepth.nearestAnsi(0xcd, 0, 0)).isEqualTo(TextColor.ANSI.RED);
        assertThat(ColorDepth.nearestAnsi(0x80, 0x80, 0x80)).isEqualTo(TextColor.ANSI.BLACK_BRIGHT);
        assertThat(ColorDepth.nearestAnsi(0xfa, 0xfa, 0xfa)).isEqualTo(TextColor.ANSI.WHITE_BRIGHT);
        assertThat(ColorDepth.nearestAnsi(0x1f, 0x4a, 0x84)).isEqualTo(TextColor.ANSI.BLUE);
        assertThat(ColorDepth.ANSI_16.toTerminal(new ThemeColor.Named(TextColor.ANSI.DEFAULT))).isEqualTo(TextColor.ANSI.DEFAULT);
        assertThat(ColorDepth.TRUECOLOR.toTerminal(new ThemeColor.Rgb(1, 2, 3))).isEqualTo(new TextColor.RGB(1, 2, 3));
    }

    /** Every role set, one a line: a theme the loader accepts. */
    private static String complete() {
        StringBuilder text = new StringBuilder();
        for (Role r : Role.values()) text.append(r.key()).append(": default\n");
        return text.toString();
    }

    private static String error(String text) {
        try {
            ThemeFile.parse("t", "t.yaml", text);
        } catch (RepconException e) {
            assertThat(e.exitCode()).isEqualTo(RepconException.INVALID_INPUT);
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no error for: " + text);
    }
}
