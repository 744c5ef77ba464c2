package org.repcon.command;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;
import org.repcon.util.RepconException;

/**
 * A typed line split into words as {@code repcon shell}'s prompt splits it (JLine's parser: quotes and backslash
 * escapes), for the console's ':' line and scripts alike. Only the parser of JLine: no terminal is read here.
 */
public final class Words {

    private Words() {}

    /**
     * The splitter itself, for a JLine prompt ({@code repcon shell}'s) to split its lines the same way: an open quote is
     * no line yet (the prompt asks for its end; a script's line is refused).
     */
    public static Parser parser() {
        return new DefaultParser().eofOnUnclosedQuote(true);
    }

    /** The words of a whole line, empty ones dropped; an unclosed quote is a one-line error. */
    public static List<String> split(String line) {
        try {
            return parser().parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words().stream()
                    .filter(w -> !w.isEmpty()).toList();
        } catch (EOFError e) {
            throw RepconException.invalid("unclosed quote in '" + line + "'");
        } catch (SyntaxError e) {
            throw RepconException.invalid(e.getMessage());
        }
    }

    /**
     * The words of a line being typed, the last one the word the cursor (at the end) is in: empty after a space.
     * Empty when the line does not split (an open quote): nothing to complete.
     */
    static List<String> upToCursor(String line) {
        List<String> words;
        try {
            words = new ArrayList<>(split(line));
        } catch (RepconException e) {
            return List.of();
        }
        if (line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1))) words.add("");
        return words;
    }
}
