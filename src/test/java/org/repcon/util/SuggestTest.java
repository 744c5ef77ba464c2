package org.repcon.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {

    private static final List<String> KEYS = List.of("address", "access", "ssh", "platform", "instances", "tunnels", "maxmemory");

    @Test
    void suggestsTheNameOneTypoAway() {
        assertThat(Suggest.closest("adress", KEYS)).contains("address");   // deletion
        assertThat(Suggest.closest("tunnles", KEYS)).contains("tunnels");  // transposition
        assertThat(Suggest.closest("platfrom", KEYS)).contains("platform");
        assertThat(Suggest.closest("sshh", KEYS)).contains("ssh");         // insertion
    }

    @Test
    void ignoresCase() {
        assertThat(Suggest.closest("Address", KEYS)).contains("address");
    }

    @Test
    void completesANameCutShort() {
        assertThat(Suggest.closest("maxmem", KEYS)).contains("maxmemory");
        assertThat(Suggest.closest("inst", KEYS)).contains("instances");
    }

    @Test
    void suggestsNothingForUnrelatedWords() {
        assertThat(Suggest.closest("colour", KEYS)).isEmpty();
        assertThat(Suggest.closest("x", KEYS)).isEmpty();
        assertThat(Suggest.closest("bayes", List.of())).isEmpty();
        // Short words allow one edit only: "abc" is not "access".
        assertThat(Suggest.closest("abc", KEYS)).isEmpty();
    }

    @Test
    void hintIsAReadySuffix() {
        assertThat(Suggest.hint("mastr", List.of("master", "replica"))).isEqualTo(" (did you mean 'master'?)");
        assertThat(Suggest.hint("zzz", List.of("master", "replica"))).isEmpty();
    }

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertThat(Suggest.distance("bayes", "bayse")).isEqualTo(1);
        assertThat(Suggest.distance("", "abc")).isEqualTo(3);
        assertThat(Suggest.distance("fuzzy", "fuzzy")).isZero();
    }
}
