package org.repcon.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.repcon.util.RepconException;

/**
 * The one history of typed command lines, {@code repcon shell}'s prompt and the console's ':' line alike: JLine's,
 * in one file, with one size and one set of options, so a line typed in either is recalled in both.
 */
public final class LineHistory {

    /** Lines kept, in memory and in the file. */
    static final int SIZE = 1000;

    private LineHistory() {}

    /**
     * Sets the history's file, size and options on a reader being built (the shell's prompt).
     *
     * @param file null: kept in memory only
     */
    public static LineReaderBuilder configure(LineReaderBuilder builder, Path file) {
        if (file != null) builder.variable(LineReader.HISTORY_FILE, file);
        return builder.variable(LineReader.HISTORY_SIZE, SIZE)
                .variable(LineReader.HISTORY_FILE_SIZE, SIZE)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true);
    }

    /**
     * The same history for a line edited elsewhere (the console, whose keys Lanterna reads): JLine's, kept by a reader
     * on a terminal of no streams that never reads the tty. Each line added is appended to the file at once.
     *
     * @param file null: kept in memory only (a console without a deployment)
     */
    public static History detached(Path file) {
        try {
            Terminal none = TerminalBuilder.builder().system(false).dumb(true)
                    .streams(InputStream.nullInputStream(), OutputStream.nullOutputStream()).build();
            LineReader reader = configure(LineReaderBuilder.builder().terminal(none).appName("repcon"), file).build();
            reader.getHistory().attach(reader);
            return reader.getHistory();
        } catch (IOException e) {
            throw RepconException.failed("cannot set up the command history: " + e.getMessage());
        }
    }
}
