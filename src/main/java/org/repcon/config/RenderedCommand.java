package org.repcon.config;

import java.util.List;
import org.repcon.syntax.ShellQuote;

/** A command a host needs run (install, create a directory, enable or start a service), word by word. */
public record RenderedCommand(Step step, List<String> argv, String purpose) {

    /** The tutorial's order: install, directories, enable at boot, then start. */
    public enum Step { INSTALL, DIRECTORIES, ENABLE, START }

    public RenderedCommand {
        argv = List.copyOf(argv);
    }

    /** The command as one shell line ({@code commands.sh}, previews), each word quoted as sh reads it back. */
    public String command() {
        return ShellQuote.line(argv);
    }
}
