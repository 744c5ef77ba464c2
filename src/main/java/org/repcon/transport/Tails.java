package org.repcon.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a file from a bounded read of its end, the same way for every transport. */
final class Tails {

    /** A tail never reads more than this from the end of a file. */
    static final int MAX_TAIL_BYTES = 1 << 20;
    /** A tail reads about this much per requested line (log lines are ~100 bytes; room for long ones). */
    static final int TAIL_BYTES_PER_LINE = 512;

    private Tails() {}

    /** How many bytes from the end a tail of {@code maxLines} lines reads. */
    static int budget(int maxLines) {
        return (int) Math.min(MAX_TAIL_BYTES, Math.max(8192L, (long) maxLines * TAIL_BYTES_PER_LINE));
    }

    /** Splits on LF (dropping CR), drops a leading partial line when the read did not start at the file's start. */
    static List<String> lastLines(byte[] bytes, boolean startsMidFile, int maxLines) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        if (startsMidFile && !lines.isEmpty()) lines.remove(0);
        int from = Math.max(0, lines.size() - maxLines);
        return lines.subList(from, lines.size()).stream().map(Tails::stripCr).toList();
    }

    static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
