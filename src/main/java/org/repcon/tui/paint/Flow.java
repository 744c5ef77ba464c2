package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Blocks of lines (INFO sections, help sections) flowed into side-by-side columns, newspaper style. */
public final class Flow {

    private static final int GAP = 3;

    private Flow() {}

    /** How many columns of at least {@code minWidth} fit in {@code width}, at most {@code blocks}. */
    public static int count(int width, int minWidth, int blocks) {
        return Math.max(1, Math.min(blocks, (width + GAP) / (minWidth + GAP)));
    }

    public static int columnWidth(int width, int count) {
        return count == 1 ? width : (width - GAP * (count - 1)) / count;
    }

    /** Each block goes to the shortest column so far, a blank line between blocks of a column. */
    public static List<Line> columns(List<List<Line>> blocks, int count, int columnWidth) {
        List<List<Line>> columns = new ArrayList<>();
        for (int i = 0; i < count; i++) columns.add(new ArrayList<>());
        for (List<Line> block : blocks) {
            List<Line> column = columns.stream().min(Comparator.comparingInt(List::size)).orElseThrow();
            if (!column.isEmpty()) column.add(Line.EMPTY);
            column.addAll(block);
        }
        int height = columns.stream().mapToInt(List::size).max().orElse(0);
        List<Line> lines = new ArrayList<>();
        for (int row = 0; row < height; row++) {
            Line line = Line.EMPTY;
            for (int i = 0; i < count; i++) {
                List<Line> column = columns.get(i);
                Line cell = row < column.size() ? column.get(row) : Line.EMPTY;
                line = i == count - 1 ? line.append(cell) : line.append(cell.padTo(columnWidth + GAP));
            }
            lines.add(line);
        }
        return lines;
    }
}
