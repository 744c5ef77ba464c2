package org.repcon.shell;

import java.io.PrintWriter;
import org.repcon.action.Preview;
import org.repcon.action.Reporter;

/** Shows previews and progress as plain lines. */
final class PrintReporter implements Reporter {

    private final PrintWriter out;

    PrintReporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void preview(Preview preview) {
        preview.lines().forEach(out::println);
        out.flush();
    }

    @Override
    public void note(String line) {
        out.println("  " + line);
        out.flush();
    }
}
