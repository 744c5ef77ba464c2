package org.repcon.shell;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.repcon.command.Completion;

/** JLine's completion over the command language's candidates. */
final class ShellCompleter implements Completer {

    private final Completion completion;

    ShellCompleter(Completion completion) {
        this.completion = completion;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String c : completion.candidates(line.words(), line.wordIndex())) {
            candidates.add(new Candidate(c));
        }
    }
}
