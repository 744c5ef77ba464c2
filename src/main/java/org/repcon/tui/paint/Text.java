package org.repcon.tui.paint;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;

/** Measuring, cutting and wrapping text by terminal columns (a CJK character takes two). */
public final class Text {

    private Text() {}

    public static int width(String s) {
        return TerminalTextUtils.getColumnWidth(s);
    }

    /** At most {@code width} columns; a cut is marked with the ellipsis. */
    public static String fit(String s, int width, String ellipsis) {
        if (width <= 0) return "";
        if (width(s) <= width) return s;
        int keep = width - width(ellipsis);
        if (keep <= 0) return head(s, width);
        return head(s, keep) + ellipsis;
    }

    /** The longest prefix of at most {@code width} columns. */
    public static String head(String s, int width) {
        int used = 0;
        for (int i = 0; i < s.length(); i++) {
            int w = TerminalTextUtils.isCharDoubleWidth(s.charAt(i)) ? 2 : 1;
            if (used + w > width) return s.substring(0, i);
            used += w;
        }
        return s;
    }

    public static String padRight(String s, int width) {
        int w = width(s);
        return w >= width ? s : s + " ".repeat(width - w);
    }

    public static String padLeft(String s, int width) {
        int w = width(s);
        return w >= width ? s : " ".repeat(width - w) + s;
    }

    /** Word-wrapped to {@code width} columns; words longer than a line are cut across lines. */
    public static List<String> wrap(String s, int width) {
        List<String> lines = new ArrayList<>();
        if (width <= 0) return lines;
        StringBuilder line = new StringBuilder();
        for (String word : s.strip().split("\\s+")) {
            while (width(word) > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String head = head(word, width);
                lines.add(head);
                word = word.substring(head.length());
            }
            if (word.isEmpty()) continue;
            if (line.length() > 0 && width(line.toString()) + 1 + width(word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) lines.add(line.toString());
        return lines;
    }
}
