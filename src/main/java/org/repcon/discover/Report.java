package org.repcon.discover;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.repcon.syntax.ControlCharacters;

/**
 * What discover found on the way: errors (a file missing or unreadable, a layout that cannot make a topology: nothing
 * is written) and warnings (an inconsistency in what runs, something undecided); one line each, in the order found.
 */
public final class Report {

    /** Exit statuses of discover. */
    public static final int CONSISTENT = 0;
    public static final int WARNINGS = 1;
    public static final int UNREADABLE = 2;

    private final Set<String> errors = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    /** Lines quote what hosts' files hold: masked, so that a control character there cannot drive the terminal. */
    void error(String line) {
        errors.add(ControlCharacters.masked(line));
    }

    void warning(String line) {
        warnings.add(ControlCharacters.masked(line));
    }

    public List<String> errors() {
        return new ArrayList<>(errors);
    }

    public List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    public int exitCode() {
        return !errors.isEmpty() ? UNREADABLE : !warnings.isEmpty() ? WARNINGS : CONSISTENT;
    }
}
