package org.repcon.tui.paint;

import java.util.Map;

/**
 * The characters drawn besides text: borders, bars, sparklines, hop links. A UTF-8 set and an ASCII
 * set for terminals whose locale is not UTF-8, where anything else would come out as '?'.
 */
public record Glyphs(boolean unicode, char topLeft, char topRight, char bottomLeft, char bottomRight,
                     char horizontal, char vertical, String spark, String barEighths, char barEmpty,
                     String localLink, String tlsLink, char bullet, String ellipsis) {

    public static final Glyphs UNICODE = new Glyphs(true, '┌', '┐', '└', '┘', '─', '│', "▁▂▃▄▅▆▇█", "▏▎▍▌▋▊▉█", '·',
            "──", "══", '●', "…");
    public static final Glyphs ASCII = new Glyphs(false, '+', '+', '+', '+', '-', '|', "_.-:=+*#", "########", '.',
            "--", "==", '*', "~");

    /** Common typographic characters in the model's text, spelled in ASCII. */
    private static final Map<Character, String> ASCII_SPELLING = Map.ofEntries(
            Map.entry('—', "-"), Map.entry('–', "-"), Map.entry('…', "..."), Map.entry('→', "->"),
            Map.entry('←', "<-"), Map.entry('·', "."), Map.entry('•', "*"), Map.entry('●', "*"),
            Map.entry('✓', "v"), Map.entry('✔', "v"), Map.entry('✗', "x"), Map.entry('✖', "x"),
            Map.entry('≥', ">="), Map.entry('≤', "<="), Map.entry('×', "x"), Map.entry('µ', "u"),
            Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('“', "\""), Map.entry('”', "\""),
            Map.entry(' ', " "));

    public static Glyphs of(boolean unicode) {
        return unicode ? UNICODE : ASCII;
    }

    /**
     * Text safe to put on the screen: control characters (which would move the cursor or change
     * colours) become '?', and in ASCII mode so does anything outside ASCII that has no spelling.
     */
    public String clean(String text) {
        if (text == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (c == '\t') replacement = " ";
            else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) replacement = "?";
            else if (!unicode && c > 0x7e) replacement = ASCII_SPELLING.getOrDefault(c, "?");
            if (replacement != null && out == null) out = new StringBuilder(text.substring(0, i));
            if (out != null) out.append(replacement != null ? replacement : String.valueOf(c));
        }
        return out == null ? text : out.toString();
    }
}
