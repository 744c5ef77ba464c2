package org.repcon.topology;

import java.util.ArrayList;
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

    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

    private final String file;
    private final String context;
    private final List<Problem> problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlFields(String file, String context, List<Problem> problems) {
        this.file = file;
        this.context = context;
        this.problems = problems;
    }

    /** The mapping at {@code node}, or an empty one (with an error) when it is something else. */
    static YamlFields of(Node node, String file, String context, Set<String> allowed, List<Problem> problems) {
        YamlFields fields = new YamlFields(file, context, problems);
        if (node == null || isNull(node)) return fields;
        if (!(node instanceof MappingNode mapping)) {
            fields.error(node, context + " must be a mapping of keys to values");
            return fields;
        }
        if (!mapping.getTag().equals(Tag.MAP)) {
            fields.error(node, "tag " + mapping.getTag() + " is not allowed: topology files hold plain values only");
            return fields;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                fields.error(tuple.getKeyNode(), "keys in " + context + " must be plain names");
                continue;
            }
            String key = keyNode.getValue();
            if (!allowed.contains(key)) {
                fields.error(keyNode, "unknown key '" + key + "' in " + context + Suggest.hint(key, allowed));
            } else if (fields.entries.containsKey(key)) {
                fields.error(keyNode, "duplicate key '" + key + "' in " + context);
            } else {
                fields.entries.put(key, tuple);
            }
        }
        return fields;
    }

    /** Entries of a mapping whose keys are names chosen by the user (hosts, instances). */
    static Map<String, NodeTuple> namedEntries(Node node, String file, String context, List<Problem> problems) {
        YamlFields fields = new YamlFields(file, context, problems);
        Map<String, NodeTuple> named = new LinkedHashMap<>();
        if (node == null || isNull(node)) return named;
        if (!(node instanceof MappingNode mapping)) {
            fields.error(node, context + " must be a mapping of names to definitions");
            return named;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue().isBlank()) {
                fields.error(tuple.getKeyNode(), "names in " + context + " must be plain, non-empty words");
            } else if (!keyNode.getValue().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                fields.error(keyNode, "name '" + keyNode.getValue() + "' in " + context
                        + " may hold only letters, digits, '.', '_' and '-'");
            } else if (named.containsKey(keyNode.getValue())) {
                fields.error(keyNode, "duplicate name '" + keyNode.getValue() + "' in " + context);
            } else {
                named.put(keyNode.getValue(), tuple);
            }
        }
        return named;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /** Position of a key's value, or of the key itself for messages about its absence. */
    Position at(String key) {
        return node(key).map(this::position).orElse(Position.unknown(file));
    }

    Position position(Node node) {
        return new Position(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    Optional<String> string(String key) {
        Optional<Node> node = node(key);
        if (node.isEmpty() || isNull(node.get())) return Optional.empty();
        if (node.get() instanceof ScalarNode scalar && checkTag(scalar)) return Optional.of(scalar.getValue());
        if (!(node.get() instanceof ScalarNode)) error(node.get(), key + " in " + context + " must be a single value");
        return Optional.empty();
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
        if (node.isEmpty() || isNull(node.get())) return out;
        if (node.get() instanceof ScalarNode) {
            string(key).ifPresent(out::add);
        } else if (node.get() instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && checkTag(s)) out.add(s.getValue());
                else if (!(item instanceof ScalarNode)) error(item, key + " in " + context + " must list plain values");
            }
        } else {
            error(node.get(), key + " in " + context + " must be a list of values");
        }
        return out;
    }

    /** A mapping of plain keys to plain values (redis settings, convention overrides). */
    Map<String, Node> plainMap(String key) {
        Map<String, Node> out = new LinkedHashMap<>();
        Optional<Node> node = node(key);
        if (node.isEmpty() || isNull(node.get())) return out;
        if (!(node.get() instanceof MappingNode mapping)) {
            error(node.get(), key + " in " + context + " must be a mapping");
            return out;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && tuple.getValueNode() instanceof ScalarNode v && checkTag(v)) {
                if (out.put(k.getValue(), v) != null) error(k, "duplicate key '" + k.getValue() + "' in " + key);
            } else {
                error(tuple.getKeyNode(), "entries of " + key + " in " + context + " must be 'name: value'");
            }
        }
        return out;
    }

    void error(Node node, String message) {
        problems.add(Problem.error(position(node), message));
    }

    void error(String key, String message) {
        problems.add(Problem.error(at(key), message));
    }

    void warning(String key, String message) {
        problems.add(Problem.warning(at(key), message));
    }

    /** Rejects explicit tags such as {@code !!java.io.File}: safe loading means plain data only. */
    private boolean checkTag(ScalarNode node) {
        if (PLAIN_TAGS.contains(node.getTag())) return true;
        error(node, "tag " + node.getTag() + " is not allowed: topology files hold plain values only");
        return false;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }
}
