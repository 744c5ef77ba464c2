package org.repcon.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.repcon.util.Suggest;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML mapping of a topology file: known keys by name, unknown keys reported with a
 * did-you-mean, every problem recorded with its position rather than thrown, so that one run of
 * {@code validate} shows all of them.
 */
final class YamlFields {

    /**
     * Tags a plain value may carry. TIMESTAMP is here because the resolver gives it to unquoted
     * dates on its own; the value is still read as text.
     */
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    private final String file;
    private final String context;
    private final List<Problem> problems;
    private final Node self;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    /** Known keys that an unknown key was probably meant to be: their absence is not reported twice. */
    private final Set<String> misspelled = new HashSet<>();
    /** The node was reported as no mapping at all: nothing in it can be said to be missing. */
    private boolean unreadable;

    private YamlFields(Node self, String file, String context, List<Problem> problems) {
        this.self = self;
        this.file = file;
        this.context = context;
        this.problems = problems;
    }

    /** The mapping at {@code node}, or an empty one (with an error) when it is something else. */
    static YamlFields of(Node node, String file, String context, Set<String> allowed, List<Problem> problems) {
        YamlFields fields = new YamlFields(node, file, context, problems);
        MappingNode mapping = fields.mapping(node, context + " must be a mapping of keys to values");
        if (mapping == null) {
            fields.unreadable = node != null && !isNull(node);
            return fields;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            ScalarNode keyNode = fields.key(tuple, "keys in " + context + " must be plain names");
            if (keyNode == null) continue;
            String key = keyNode.getValue();
            if (!allowed.contains(key)) {
                Optional<String> meant = Suggest.closest(key, allowed);
                meant.ifPresent(fields.misspelled::add);
                fields.error(keyNode, "unknown key '" + key + "' in " + context
                        + meant.map(m -> " (did you mean '" + m + "'?)").orElse(""));
            } else if (fields.entries.containsKey(key)) {
                fields.error(keyNode, "duplicate key '" + key + "' in " + context + fields.firstAt(fields.entries.get(key)));
            } else {
                fields.entries.put(key, tuple);
            }
        }
        return fields;
    }

    /** Entries of a mapping whose keys are names chosen by the user (hosts, instances). */
    static Map<String, NodeTuple> namedEntries(Node node, String file, String context, List<Problem> problems) {
        YamlFields fields = new YamlFields(node, file, context, problems);
        Map<String, NodeTuple> named = new LinkedHashMap<>();
        MappingNode mapping = fields.mapping(node, context + " must be a mapping of names to definitions");
        if (mapping == null) return named;
        for (NodeTuple tuple : mapping.getValue()) {
            ScalarNode keyNode = fields.key(tuple, "names in " + context + " must be plain, non-empty words");
            if (keyNode == null) continue;
            String name = keyNode.getValue();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                fields.error(keyNode, "name '" + name + "' in " + context + " may hold only letters, digits, '.', '_' and '-'");
            } else if (named.containsKey(name)) {
                fields.error(keyNode, "duplicate name '" + name + "' in " + context + fields.firstAt(named.get(name)));
            } else {
                named.put(name, tuple);
            }
        }
        return named;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Absent, and not because the user misspelled it (that error is already reported). */
    boolean missing(String key) {
        return !unreadable && !has(key) && !misspelled.contains(key);
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /** Position of a key's value, or of the whole mapping for messages about a key's absence. */
    Position at(String key) {
        return node(key).or(() -> Optional.ofNullable(self)).map(this::position).orElse(new Position(file, 1, 1));
    }

    Position position(Node node) {
        return new Position(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    Optional<String> string(String key) {
        Optional<Node> node = node(key);
        if (node.isEmpty() || isNull(node.get()) || !plain(node.get())) return Optional.empty();
        if (node.get() instanceof ScalarNode scalar) return Optional.of(scalar.getValue());
        error(node.get(), key + " in " + context + " must be a single value, not " + shape(node.get()));
        return Optional.empty();
    }

    /** A port the section must have; its absence is reported at {@code at}, where the section is named. */
    Optional<Integer> requiredPort(String key, Position at, String whenMissing) {
        Optional<Integer> port = port(key);
        if (missing(key)) problems.add(Problem.error(at, whenMissing));
        return port;
    }

    Optional<Integer> port(String key) {
        return string(key).flatMap(text -> {
            try {
                int port = Integer.parseInt(text.trim());
                if (port >= 1 && port <= 65535) return Optional.of(port);
            } catch (NumberFormatException e) {
                // reported below
            }
            error(node(key).orElseThrow(), key + " in " + context + ": '" + text + "' is not a port (1-65535)");
            return Optional.empty();
        });
    }

    /** {@code true} or {@code false} (YAML 1.1's yes/no/on/off too, as SnakeYAML reads them); else an error at the value. */
    Optional<Boolean> flag(String key) {
        return string(key).flatMap(text -> {
            switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on" -> { return Optional.of(true); }
                case "false", "no", "off" -> { return Optional.of(false); }
                default -> {
                    error(node(key).orElseThrow(), key + " in " + context + ": '" + text + "' is not true or false");
                    return Optional.empty();
                }
            }
        });
    }

    Optional<Size> size(String key) {
        return string(key).flatMap(text -> {
            try {
                return Optional.of(Size.parse(text));
            } catch (IllegalArgumentException e) {
                error(node(key).orElseThrow(), key + " in " + context + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A list of plain values; a single value is taken as a list of one. */
    List<String> strings(String key) {
        Optional<Node> node = node(key);
        List<String> out = new ArrayList<>();
        if (node.isEmpty() || isNull(node.get()) || !plain(node.get())) return out;
        if (node.get() instanceof ScalarNode) {
            string(key).ifPresent(out::add);
        } else if (node.get() instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (!plain(item)) continue;
                if (item instanceof ScalarNode s) out.add(s.getValue());
                else error(item, key + " in " + context + " must list single values, not " + shape(item));
            }
        } else {
            error(node.get(), key + " in " + context + " must be a list of values, not " + shape(node.get()));
        }
        return out;
    }

    /** A mapping of plain keys to plain values (redis settings, convention overrides), keyed by name. */
    Map<String, NodeTuple> plainMap(String key) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        MappingNode mapping = mapping(node(key).orElse(null), key + " in " + context + " must be a mapping of names to values");
        if (mapping == null) return out;
        for (NodeTuple tuple : mapping.getValue()) {
            ScalarNode k = key(tuple, "entries of " + key + " in " + context + " must be 'name: value'");
            if (k == null || !plain(tuple.getValueNode())) continue;
            if (!(tuple.getValueNode() instanceof ScalarNode)) {
                error(tuple.getValueNode(), key + " '" + k.getValue() + "' in " + context + " must be a single value, not "
                        + shape(tuple.getValueNode()));
            } else if (out.containsKey(k.getValue())) {
                error(k, "duplicate key '" + k.getValue() + "' in " + key + " of " + context + firstAt(out.get(k.getValue())));
            } else {
                out.put(k.getValue(), tuple);
            }
        }
        return out;
    }

    /** Applies {@code rule} to the key's value, or to each item of its list, reporting each refusal at its item. */
    void check(String key, java.util.function.Function<String, Optional<String>> rule) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) return;
        List<Node> items = node.get() instanceof SequenceNode seq ? seq.getValue() : List.of(node.get());
        for (Node item : items) {
            if (item instanceof ScalarNode s && !isNull(s)) {
                rule.apply(s.getValue()).ifPresent(why -> error(item, key + " in " + context + ": " + why));
            }
        }
    }

    void error(Node node, String message) {
        problems.add(Problem.error(position(node), message));
    }

    void error(String key, String message) {
        problems.add(Problem.error(at(key), message));
    }

    /** The node as a plain mapping, or null (with an error unless it is simply absent). */
    private MappingNode mapping(Node node, String notAMapping) {
        if (node == null || isNull(node)) return null;
        boolean plain = plain(node);
        if (plain && node instanceof MappingNode m) return m;
        if (plain) error(node, notAMapping + ", not " + shape(node));
        return null;
    }

    /** A tuple's key if it is a plain, non-empty word; otherwise reports it. */
    private ScalarNode key(NodeTuple tuple, String notPlain) {
        Node key = tuple.getKeyNode();
        if (!plain(key)) return null;
        if (key instanceof ScalarNode s && s.getTag().equals(Tag.MERGE)) {
            error(key, "merge keys ('<<') are not supported in " + context + ": write the keys out");
            return null;
        }
        if (key instanceof ScalarNode s && !s.getValue().isBlank()) return s;
        error(key, notPlain);
        return null;
    }

    /**
     * Rejects explicit tags ({@code !!set}, {@code !custom}, ...): safe loading means plain data
     * only. SnakeYAML itself already refuses global class tags such as {@code !!java.io.File}.
     */
    private boolean plain(Node node) {
        Tag tag = node.getTag();
        boolean ok = node instanceof ScalarNode ? SCALAR_TAGS.contains(tag) || tag.equals(Tag.MERGE)
                : tag.equals(node instanceof MappingNode ? Tag.MAP : Tag.SEQ);
        if (!ok) error(node, "tag " + shortTag(tag.getValue()) + " is not allowed: topology files hold plain values only");
        return ok;
    }

    /** {@code !!set} rather than {@code tag:yaml.org,2002:set}: the tag as the user wrote it. */
    static String shortTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }

    private static String shape(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        return "a single value";
    }

    private String firstAt(NodeTuple first) {
        return " (first at line " + (first.getKeyNode().getStartMark().getLine() + 1) + ")";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }
}
