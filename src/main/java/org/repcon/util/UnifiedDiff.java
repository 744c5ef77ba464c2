package org.repcon.util;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The unified diff of a file about to be written, as shown before anything is written. */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /**
     * The diff from {@code before} (empty for a new file) to {@code after}, or the empty string when they are equal.
     * {@code mask} is applied to each shown line (without its +/-/space prefix), so a secret that changes still
     * shows as a changed line but never its value.
     */
    public static String of(String path, String before, String after, UnaryOperator<String> mask) {
        if (before.equals(after)) return "";
        List<String> old = lines(before);
        Patch<String> patch = DiffUtils.diff(old, lines(after));
        List<String> out = new ArrayList<>();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(path, path, old, patch, CONTEXT)) {
            boolean body = !line.startsWith("---") && !line.startsWith("+++") && !line.startsWith("@@") && !line.isEmpty();
            out.add(body ? line.charAt(0) + mask.apply(line.substring(1)) : line);
        }
        return String.join("\n", out) + "\n";
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) return List.of();
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }
}
