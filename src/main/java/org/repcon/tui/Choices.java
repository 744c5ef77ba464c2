package org.repcon.tui;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.paint.Text;

/** Completion candidates laid out a page at a time in the room beside the line being typed. */
final class Choices {

    private static final String GAP = "  ";

    private Choices() {}

    /** Page {@code page} (wrapping around) of the words, with where it is ("1/4, Tab: more") when there are several. */
    static String page(List<String> words, int page, int room) {
        String all = String.join(GAP, words);
        if (Text.width(all) <= room) return all;
        List<Integer> starts = starts(words, room - marker(words.size(), words.size(), words.size()).length());
        int p = Math.floorMod(page, starts.size());
        int from = starts.get(p), to = p + 1 < starts.size() ? starts.get(p + 1) : words.size();
        return String.join(GAP, words.subList(from, to)) + marker(p + 1, starts.size(), words.size());
    }

    private static String marker(int page, int pages, int total) {
        return GAP + "(" + page + "/" + pages + " of " + total + ", Tab: more)";
    }

    /** Where each page starts: as many words as fit, at least one a page. */
    private static List<Integer> starts(List<String> words, int room) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        int used = 0;
        for (int i = 0; i < words.size(); i++) {
            int w = Text.width(words.get(i)) + (used == 0 ? 0 : GAP.length());
            if (used > 0 && used + w > room) {
                starts.add(i);
                used = Text.width(words.get(i));
            } else {
                used += w;
            }
        }
        return starts;
    }
}
