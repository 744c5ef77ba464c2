package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A theme file with a mistake, picked with --theme, as the console meets it: one line {@code FILE:LINE:COLUMN: message}
 * on stderr, exit 2, and the terminal never taken over; a good user theme in the new format opens the console.
 */
class ThemeOnTheConsoleTest {

    @TempDir
    Path userThemes;

    private record Run(int exit, String err, String screen) {}

    private Run console(String theme, InputStream keys) throws IOException {
        CountingTerminal terminal = CountingTerminal.of(keys, 100, 30);
        ConsoleOptions options = ConsoleOptions.defaults().withEnv(ScreenDriver.TRUECOLOR_UTF8).withUserThemes(userThemes)
                .withTheme(theme).withTerminal(terminal);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = Console.run(new FixedConsoleSource(Fixtures.faulted(0)), options);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), terminal.output());
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aMistakeInTheChosenThemeIsOneLineAndExitTwoBeforeTheScreenStarts() throws IOException {
        String dark = Files.readString(Path.of("themes", "dark.yaml"));
        Path file = Files.writeString(userThemes.resolve("night.yaml"), dark.replace("warn:         \"#ffd75f bold\"",
                "warn:         \"#ffd75f blod\""));
        int line = dark.lines().toList().indexOf("warn:         \"#ffd75f bold\"") + 1;

        Run run = console("night", InputStream.nullInputStream());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("repcon: " + file + ":" + line + ":24: unknown attribute 'blod'"
                + " (did you mean 'bold'?); attributes: bold, reverse, underline, italic");
        assertThat(run.screen()).as("the terminal is not touched").isEmpty();
    }

    @Test
    void aTabInTheChosenThemeIsOneLineWithItsPosition() throws IOException {
        Path file = Files.writeString(userThemes.resolve("night.yaml"), "text: default\n\tbackground: default\n");

        Run run = console("night", InputStream.nullInputStream());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("repcon: " + file + ":2:1: YAML syntax: a tab character here;"
                + " YAML indents with spaces only");
    }

    @Test
    void aUserThemeInTheConfigDirectoryColoursTheConsole() throws IOException {
        Files.writeString(userThemes.resolve("night.yaml"), Files.readString(Path.of("themes", "dark.yaml"))
                .replace("header.bg:    \"#1f4a84\"", "header.bg:    \"#123456\""));

        Run run = console("night", new java.io.ByteArrayInputStream("q".getBytes(StandardCharsets.UTF_8)));

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.screen()).as("the header drawn on the theme's own background").contains("\u001b[48;2;18;52;86m");
    }
}
