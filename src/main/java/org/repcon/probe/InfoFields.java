package org.repcon.probe;

import java.util.Arrays;

/**
 * The fields of one INFO reply as ranges of its text, with a hash index by name: a refresh parses a few
 * hundred replies of ~200 fields each, and most fields are never looked at, so nothing is copied out of the
 * text until asked for. Filled by {@link InfoParser}, then read-only.
 *
 * <p>Field {@code i} is {@code text[start(i) .. colon(i))} = {@code text(colon(i)+1 .. end(i))}, in section
 * {@code section(i)}. The index holds every field, so that a name repeated across sections (kept in each) and
 * a name repeated within one (skipped) can be told apart; a lookup by name alone finds the first.
 */
final class InfoFields {

    private static final int STRIDE = 4; // start, colon, end, section

    final String text;
    private int[] ranges;
    private int count;
    /** Open addressing, linear probing: field number + 1, 0 for an empty slot. */
    private int[] slots;

    /** @param expected how many fields to make room for at first (it grows as needed) */
    InfoFields(String text, int expected) {
        this.text = text;
        int room = Math.max(16, expected);
        this.ranges = new int[room * STRIDE];
        this.slots = new int[Integer.highestOneBit(room) * 4];
    }

    int count() {
        return count;
    }

    String name(int i) {
        return text.substring(ranges[i * STRIDE], ranges[i * STRIDE + 1]);
    }

    String value(int i) {
        return text.substring(ranges[i * STRIDE + 1] + 1, ranges[i * STRIDE + 2]);
    }

    int section(int i) {
        return ranges[i * STRIDE + 3];
    }

    /**
     * Adds the field whose name is {@code text[start..colon)} and whose hash is {@code hash} (as
     * {@link String#hashCode()} computes it); false, adding nothing, when the section has that name already.
     */
    boolean add(int start, int colon, int end, int section, int hash) {
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        for (int f; (f = slots[slot]) != 0; slot = (slot + 1) & mask) {
            if (section(f - 1) == section && sameName(f - 1, start, colon - start)) return false;
        }
        if (count * STRIDE == ranges.length) ranges = Arrays.copyOf(ranges, ranges.length * 2);
        int at = count * STRIDE;
        ranges[at] = start;
        ranges[at + 1] = colon;
        ranges[at + 2] = end;
        ranges[at + 3] = section;
        slots[slot] = ++count;
        if (count * 2 > slots.length) rehash();
        return true;
    }

    /** The first field called {@code name} (in {@code section}, or any when it is negative); -1 when none. */
    int find(String name, int section) {
        if (count == 0 || name == null) return -1;
        int mask = slots.length - 1;
        for (int slot = spread(name.hashCode()) & mask, f; (f = slots[slot]) != 0; slot = (slot + 1) & mask) {
            if ((section < 0 || section(f - 1) == section) && sameName(f - 1, name)) return f - 1;
        }
        return -1;
    }

    private boolean sameName(int i, int start, int length) {
        int s = ranges[i * STRIDE];
        return ranges[i * STRIDE + 1] - s == length && text.regionMatches(s, text, start, length);
    }

    private boolean sameName(int i, String name) {
        int s = ranges[i * STRIDE];
        return ranges[i * STRIDE + 1] - s == name.length() && text.startsWith(name, s);
    }

    /** Field numbers in insertion order keep the first of a name ahead of later ones along its probe sequence. */
    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int i = 0; i < count; i++) {
            int s = ranges[i * STRIDE];
            int slot = spread(hash(text, s, ranges[i * STRIDE + 1])) & mask;
            while (bigger[slot] != 0) slot = (slot + 1) & mask;
            bigger[slot] = i + 1;
        }
        slots = bigger;
    }

    static int hash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + text.charAt(i);
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
