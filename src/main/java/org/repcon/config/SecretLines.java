package org.repcon.config;

import java.util.regex.Pattern;

/** Hides the values of secret lines in config files wherever they are shown (diffs, previews). */
public final class SecretLines {

    public static final String HIDDEN = "<hidden>";

    private static final Pattern REDIS_SECRET = Pattern.compile("^(\\s*#?\\s*(?:requirepass|masterauth)\\s+)\\S.*$",
            Pattern.CASE_INSENSITIVE);
    /** ACL rules: {@code user NAME on >password} (and {@code <password} to remove one; {@code #hash} is a hash). */
    private static final Pattern ACL_PASSWORD = Pattern.compile("(\\s[<>])\\S+");
    private static final Pattern ACL_LINE = Pattern.compile("^\\s*user\\s", Pattern.CASE_INSENSITIVE);

    /** Rspamd's {@code password = "...";} (UCL). */
    private static final Pattern RSPAMD_SECRET = Pattern.compile("^(\\s*password\\s*=\\s*).*$", Pattern.CASE_INSENSITIVE);

    private SecretLines() {}

    /** A redis.conf line with the value of requirepass, masterauth or an ACL password replaced. */
    public static String redis(String line) {
        if (REDIS_SECRET.matcher(line).matches()) return REDIS_SECRET.matcher(line).replaceFirst("$1" + HIDDEN);
        if (ACL_LINE.matcher(line).find()) return ACL_PASSWORD.matcher(line).replaceAll("$1" + HIDDEN);
        return line;
    }

    /** An Rspamd config line with the value of {@code password} replaced. */
    public static String rspamd(String line) {
        return RSPAMD_SECRET.matcher(line).replaceFirst("$1" + HIDDEN);
    }
}
