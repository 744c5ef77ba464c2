package org.repcon.topology;

import static org.repcon.topology.TopologyLoader.oneLine;
import static org.repcon.topology.TopologyLoader.position;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * SnakeYAML's syntax errors in words an operator can act on. Its messages speak of tokens
 * ("expected &lt;block end&gt;, but found '&lt;scalar&gt;'"); the usual mistakes in a hand-written
 * topology are a tab, a misaligned key, an unclosed bracket or quote, and an unquoted template
 * such as {@code {name}.rdb}. Anything else keeps SnakeYAML's words, with where the construct began.
 * Other YAML files repcon reads by hand (themes) say their syntax errors the same way.
 */
public final class YamlSyntax {

    private static final String QUOTE_TEMPLATES = "quote values holding '{', '}', '[', ']' or ',', e.g. \"{name}.rdb\"";

    private YamlSyntax() {}

    static Problem describe(MarkedYAMLException e, String file) {
        return describe(e, file, "topology file");
    }

    /** @param kind what the file is, as messages name it ("theme file") */
    public static Problem describe(MarkedYAMLException e, String file, String kind) {
        String problem = oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
        String context = e.getContext() == null ? "" : oneLine(e.getContext());
        Mark contextMark = e.getContextMark();
        Position at = position(e.getProblemMark() != null ? e.getProblemMark() : contextMark, file);
        Position start = contextMark == null ? null : position(contextMark, file);
        String since = start == null ? "" : "line " + start.line() + ", column " + start.column();

        String globalTag = "Global tag is not allowed: ";
        if (problem.startsWith(globalTag)) {
            return Problem.error(at, "tag " + YamlFields.shortTag(problem.substring(globalTag.length()))
                    + " is not allowed: " + kind + "s hold plain values only");
        }
        if (problem.contains("(TAB)")) {
            return Problem.error(at, "YAML syntax: a tab character here; YAML indents with spaces only");
        }
        if (context.startsWith("expected a single document")) {
            return Problem.error(at, "YAML syntax: a second document ('---'); a " + kind + " holds one");
        }
        if (problem.equals("expected <block end>, but found '<block mapping start>'") && start != null) {
            return Problem.error(at, "YAML syntax: unexpected indentation inside the block that starts at " + since
                    + "; keys of one mapping must line up");
        }
        if (problem.startsWith("expected <block end>, but found '<scalar>'")) {
            return Problem.error(at, "YAML syntax: unexpected text after a value; " + QUOTE_TEMPLATES);
        }
        if (problem.startsWith("expected ',' or ") && start != null) {
            // A '{' or '[' inside a flow value is an unquoted template; anything else means the bracket was never closed.
            if (problem.endsWith("but got {") || problem.endsWith("but got [")) {
                return Problem.error(at, "YAML syntax: unexpected '" + problem.charAt(problem.length() - 1)
                        + "' inside the brackets that start at " + since + "; " + QUOTE_TEMPLATES);
            }
            String close = context.contains("flow mapping") ? "'}'" : "']'";
            return Problem.error(start, "YAML syntax: this bracket is not closed (is a " + close + " missing before line "
                    + at.line() + ", column " + at.column() + "?)");
        }
        if (context.contains("quoted scalar") && problem.startsWith("found unexpected end") && start != null) {
            return Problem.error(start, "YAML syntax: this quote is not closed");
        }
        String hint = problem.startsWith("mapping values are not allowed") ? " (check the indentation, or quote a value holding ': ')"
                : problem.endsWith("but found ':'") ? " (quote a value that starts with ':', e.g. \"::1\")"
                : "";
        String where = context.isEmpty() || start == null || start.equals(at) ? "" : " (" + context + " that starts at " + since + ")";
        return Problem.error(at, "YAML syntax: " + problem + where + hint);
    }
}
