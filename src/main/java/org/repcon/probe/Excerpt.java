package org.repcon.probe;

/** The start of text from the wire, quoted, with control characters made visible: safe for one log or screen line. */
final class Excerpt {

    private Excerpt() {}

    static String of(String s, int max) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            b.append(c < ' ' || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
        }
        return b.append(s.length() > max ? "...'" : "'").toString();
    }
}
