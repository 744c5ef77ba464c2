package org.repcon.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.repcon.action.Confirmer;
import org.repcon.action.Question;
import org.repcon.action.Reply;

/**
 * Asks on the terminal, through a reader of its own: no completion (a name must be typed, not
 * tabbed) and no history (answers are not commands). Ctrl-C or Ctrl-D cancel.
 */
public final class LineConfirmer implements Confirmer {

    private final LineReader reader;

    public LineConfirmer(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public Reply ask(Question q) {
        if (q.again()) reader.getTerminal().writer().println(q.hint());
        try {
            return new Reply.Answer(reader.readLine(q.prompt()));
        } catch (UserInterruptException | EndOfFileException e) {
            return new Reply.Cancelled();
        }
    }

    /** A confirmer with a reader of its own on the terminal: no completion, no history. */
    public static LineConfirmer on(Terminal terminal) {
        return new LineConfirmer(LineReaderBuilder.builder().terminal(terminal).appName("repcon")
                .variable(LineReader.DISABLE_HISTORY, true).build());
    }
}
