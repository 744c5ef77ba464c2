package org.repcon.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each target's quoting reads back as the value it was given: redis.conf through the sdssplitargs reader (proven
 * against real Redis in HostileStringsTest), the shell through a real {@code sh}.
 */
class QuoteTest {

    static final List<String> VALUES = List.of("plain", "a b", " a", "a ", "a\"b", "a'b", "\"", "'", "\\", "a\\b", "$(id)", "`id`",
            "${HOME}", "a;b", "#a", "a#b", "*", "-x", "--", "", "\u00e9t\u00e9 \u20ac\ud83d\ude00", "a\nb", "a\rb", "a\tb",
            "\u001b[31m", "a\u0000b", "\\x41", "\"a\" b", "a=b");

    @Test
    void redisArgumentsSplitBackToTheValue() {
        for (String v : VALUES) {
            assertThat(RedisConfQuote.split("requirepass " + RedisConfQuote.arg(v))).as(v).contains(List.of("requirepass", v));
        }
        assertThat(RedisConfQuote.arg("plain")).isEqualTo("plain");
        assertThat(RedisConfQuote.arg("it's \"x\"")).isEqualTo("\"it's \\\"x\\\"\"");
    }

    @Test
    void redisSplitIsSdssplitargs() {
        assertThat(RedisConfQuote.split("save \"\"")).contains(List.of("save", ""));
        assertThat(RedisConfQuote.split("a\"b c\"d")).isEmpty(); // a closing quote glued to a word
        assertThat(RedisConfQuote.split("a\"b c\" d")).contains(List.of("ab c", "d")); // a quote opens mid-word
        assertThat(RedisConfQuote.split("'it\\'s' \"\\x41\\n\"")).contains(List.of("it's", "A\n"));
        assertThat(RedisConfQuote.split("\"open")).isEmpty();
        assertThat(RedisConfQuote.split("  ")).contains(List.of());
    }

    @Test
    void shellWordsAndDoubleQuotedValuesReadBackThroughSh() throws Exception {
        List<String> values = VALUES.stream().filter(v -> !v.contains("\0")).toList(); // argv cannot hold NUL
        String script = ShellQuote.line(prepend("printf", "%s\\036", values)) + "; "
                + values.stream().map(v -> "x=" + ShellQuote.doubleQuoted(v) + "; printf '%s\\036' \"$x\"").reduce((a, b) -> a + "; " + b).orElseThrow();
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<String> expected = new ArrayList<>(values);
        expected.addAll(values);
        assertThat(List.of(out.split("\036", -1)).subList(0, expected.size())).isEqualTo(expected);
        assertThat(ShellQuote.word("/var/db/redis/bayes")).isEqualTo("/var/db/redis/bayes");
        assertThat(ShellQuote.line(List.of("a=b", "c=d"))).as("an assignment is no command").isEqualTo("'a=b' c=d");
    }

    @Test
    void uclNeverLeavesADollarForExpansion() {
        assertThat(UclQuote.string("a$CONFDIR ${x} \"q\" \\")).isEqualTo("\"a\\u0024CONFDIR \\u0024{x} \\\"q\\\" \\\\\"");
        assertThat(UclQuote.assignment("password", "p")).isEqualTo("password = \"p\";");
    }

    @Test
    void stunnelRefusesWhatItWouldReadDifferently() {
        assertThat(StunnelValue.problem("/var/run/stunnel.pid")).isEmpty();
        assertThat(StunnelValue.problem("a b")).isEmpty();
        assertThat(StunnelValue.problem("a\nb")).contains("it holds a newline");
        assertThat(StunnelValue.problem(" a")).contains("it starts or ends with a blank, which stunnel drops");
        assertThat(StunnelValue.problem("")).isEqualTo(Optional.of("it is empty"));
    }

    private static List<String> prepend(String a, String b, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(a, b));
        out.addAll(rest);
        return out;
    }
}
