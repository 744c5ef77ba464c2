package org.repcon.tui.theme;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.topology.Position;
import org.repcon.topology.Problem;
import org.repcon.topology.YamlSyntax;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a theme file: YAML, one {@code role: "colour [bold] [reverse] [underline] [italic]"} per role, colours as
 * {@code "#rrggbb"} (quoted: unquoted, YAML reads {@code #} as a comment) or ANSI names. The YAML is composed into
 * nodes that keep their position, so that an error is one line {@code FILE:LINE:COLUMN: message}.
 */
public final class ThemeFile {

    /** A theme is a screenful of text; anything near this is not one. */
    static final int MAX_CHARS = 64 * 1024;
    private static final String FORMAT = "role: \"colour [bold] [reverse] [underline] [italic]\"";
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);
    private static final Map<String, TextColor.ANSI> ANSI_NAMES = ansiNames();
    private static final Map<String, SGR> ATTRIBUTES = Map.of("bold", SGR.BOLD, "reverse", SGR.REVERSE,
            "underline", SGR.UNDERLINE, "italic", SGR.ITALIC);

    private final String origin;
    private final List<String> lines;

    private ThemeFile(String origin, String text) {
        this.origin = origin;
        this.lines = text.lines().toList();
    }

    /**
     * @param origin how errors name the file ("dark.yaml", or a path)
     * @throws RepconException (invalid input) with the first problem as {@code FILE:LINE:COLUMN: message}
     */
    public static Theme parse(String name, String origin, String text) {
        return new ThemeFile(origin, text).theme(name, text);
    }

    private Theme theme(String name, String text) {
        if (text.length() > MAX_CHARS) throw error(new Position(origin, 1, 1), "larger than " + MAX_CHARS + " characters; a theme is far smaller");
        Node root = compose(text);
        if (root == null) throw error(new Position(origin, 1, 1), "the file is empty; a theme sets each role: " + FORMAT);
        if (!(root instanceof MappingNode mapping)) {
            throw error(position(root.getStartMark()), "a theme is a mapping of roles to colours, one '" + FORMAT + "' a line, not "
                    + shape(root));
        }
        Map<Role, Theme.Spec> specs = new EnumMap<>(Role.class);
        Map<Role, Integer> setOn = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode s ? s.getValue() : "";
            Role role = Role.byKey(key);
            if (role == null) {
                throw error(position(keyNode.getStartMark()), keyNode instanceof ScalarNode ? "unknown role '" + key + "'"
                        + Suggest.hint(key, Role.keys()) + "; roles: " + String.join(", ", Role.keys()) : "a role is a plain name, not " + shape(keyNode));
            }
            int line = keyNode.getStartMark().getLine() + 1;
            if (setOn.containsKey(role)) throw error(position(keyNode.getStartMark()), "'" + key + "' is already set on line " + setOn.get(role));
            specs.put(role, spec(role, tuple.getValueNode(), line));
            setOn.put(role, line);
        }
        List<String> missing = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role.fallback() == null && !specs.containsKey(role)) missing.add(role.key());
        }
        if (!missing.isEmpty()) throw error(position(root.getStartMark()), "missing roles: " + String.join(", ", missing));
        return Theme.of(name, specs);
    }

    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(8);
        options.setCodePointLimit(MAX_CHARS * 4);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                new Resolver());
        try {
            return yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw RepconException.invalid(YamlSyntax.describe(e, origin, "theme file").toString());
        } catch (YAMLException e) {
            throw error(new Position(origin, 1, 1), "YAML rejected: " + e.getMessage().replaceAll("\\s+", " ").strip());
        }
    }

    private Theme.Spec spec(Role role, Node value, int line) {
        if (!(value instanceof ScalarNode scalar) || !SCALAR_TAGS.contains(value.getTag())) {
            throw error(position(value.getStartMark()), "'" + role.key() + "' takes a colour and attributes in one value ("
                    + FORMAT + "), not " + shape(value));
        }
        if (value.getTag().equals(Tag.NULL)) {
            boolean comment = line <= lines.size() && lines.get(line - 1).matches("[^#]*:\\s+#.*");
            throw error(position(value.getStartMark()), "'" + role.key() + "' needs a colour" + (comment
                    ? "; quote a #rrggbb colour (" + role.key() + ": \"#8a8a8a\"): unquoted, YAML reads '#' as the start of a comment" : ""));
        }
        String text = scalar.getValue();
        List<Word> words = Word.split(text);
        if (words.isEmpty()) throw error(position(value.getStartMark()), "'" + role.key() + "' needs a colour");
        ThemeColor color = color(words.get(0).text());
        if (color == null) {
            throw error(at(scalar, words.get(0)), "'" + words.get(0).text() + "' is not a colour: use #rrggbb or an ANSI name ("
                    + String.join(", ", ANSI_NAMES.keySet()) + ")");
        }
        Set<SGR> attributes = EnumSet.noneOf(SGR.class);
        for (Word word : words.subList(1, words.size())) {
            SGR sgr = ATTRIBUTES.get(word.text().toLowerCase());
            if (sgr == null) {
                throw error(at(scalar, word), "unknown attribute '" + word.text() + "'" + Suggest.hint(word.text(), ATTRIBUTES.keySet())
                        + "; attributes: bold, reverse, underline, italic");
            }
            if (role.background()) {
                String fg = role.key().replace(".bg", ".fg").replace("background", "text");
                throw error(at(scalar, word), "'" + role.key() + "' is a background colour: put '" + word.text() + "' on '" + fg + "'");
            }
            attributes.add(sgr);
        }
        return new Theme.Spec(color, attributes);
    }

    /** A word of a value and where it starts in the value's text. */
    private record Word(String text, int offset) {
        private static final Pattern WORD = Pattern.compile("\\S+");

        static List<Word> split(String value) {
            List<Word> words = new ArrayList<>();
            Matcher m = WORD.matcher(value);
            while (m.find()) words.add(new Word(m.group(), m.start()));
            return words;
        }
    }

    /**
     * Where a word of a value stands: its own column when the value is written on one line as it reads (plain, or
     * quoted without escapes), else the value's start.
     */
    private Position at(ScalarNode value, Word word) {
        Mark start = value.getStartMark(), end = value.getEndMark();
        boolean quoted = value.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                || value.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED;
        int written = end.getColumn() - start.getColumn() - (quoted ? 2 : 0);
        boolean asItReads = start.getLine() == end.getLine() && written == value.getValue().length();
        Position at = position(start);
        return asItReads ? new Position(origin, at.line(), at.column() + (quoted ? 1 : 0) + word.offset()) : at;
    }

    static ThemeColor color(String word) {
        if (word.matches("#[0-9a-fA-F]{6}")) {
            int v = Integer.parseInt(word.substring(1), 16);
            return new ThemeColor.Rgb(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
        }
        TextColor.ANSI ansi = ANSI_NAMES.get(word.toLowerCase());
        return ansi == null ? null : new ThemeColor.Named(ansi);
    }

    private static Map<String, TextColor.ANSI> ansiNames() {
        Map<String, TextColor.ANSI> names = new LinkedHashMap<>();
        names.put("default", TextColor.ANSI.DEFAULT);
        for (String c : List.of("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")) {
            names.put(c, TextColor.ANSI.valueOf(c.toUpperCase()));
        }
        for (String c : List.of("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")) {
            names.put("bright_" + c, TextColor.ANSI.valueOf(c.toUpperCase() + "_BRIGHT"));
        }
        names.put("gray", TextColor.ANSI.BLACK_BRIGHT);
        names.put("grey", TextColor.ANSI.BLACK_BRIGHT);
        return names;
    }

    private static String shape(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        String tag = node.getTag().getValue();
        return "a value tagged " + (tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag);
    }

    private Position position(Mark mark) {
        return new Position(origin, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static RepconException error(Position at, String message) {
        return RepconException.invalid(Problem.error(at, message).toString());
    }
}
