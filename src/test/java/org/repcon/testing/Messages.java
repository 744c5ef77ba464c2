package org.repcon.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables of one-line messages: each expected message is written out, a "…" at either end standing for text left out
 * there (the end of a long list, or a beginning that does not matter to the case).
 */
public final class Messages {

    private static final String LEFT_OUT = "…";

    private Messages() {}

    /** {@code message} is {@code expected}, or starts, ends with or contains it where "…" says so. */
    public static void assertSays(String message, String expected) {
        boolean before = expected.startsWith(LEFT_OUT);
        boolean after = expected.endsWith(LEFT_OUT) && expected.length() > LEFT_OUT.length();
        String said = expected.substring(before ? LEFT_OUT.length() : 0, expected.length() - (after ? LEFT_OUT.length() : 0));
        if (before && after) assertThat(message).contains(said);
        else if (before) assertThat(message).endsWith(said);
        else if (after) assertThat(message).startsWith(said);
        else assertThat(message).isEqualTo(said);
    }
}
