package org.repcon.tui.paint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void fitCutsWithAnEllipsis() {
        assertThat(Text.fit("replica1/bayes", 20, "…")).isEqualTo("replica1/bayes");
        assertThat(Text.fit("replica1/bayes", 8, "…")).isEqualTo("replica…");
        assertThat(Text.fit("replica1/bayes", 8, "~")).isEqualTo("replica~");
        assertThat(Text.fit("主机名称", 5, "…")).isEqualTo("主机…");
        assertThat(Text.fit("abc", 0, "…")).isEmpty();
    }

    @Test
    void wrapBreaksAtSpacesAndCutsLongWords() {
        assertThat(Text.wrap("start stunnel on replica2", 12)).containsExactly("start", "stunnel on", "replica2");
        assertThat(Text.wrap("aaaaaaaaaaaaaaa bb", 6)).containsExactly("aaaaaa", "aaaaaa", "aaa bb");
        assertThat(Text.wrap("", 6)).containsExactly("");
    }

    @Test
    void controlCharactersNeverReachTheTerminal() {
        assertThat(Glyphs.UNICODE.clean("a\u001b[2Jb\tc\nd")).isEqualTo("a?[2Jb c?d");
        assertThat(Glyphs.ASCII.clean("down — 42s… → ok · é")).isEqualTo("down - 42s... -> ok . ?");
        assertThat(Glyphs.UNICODE.clean("down — 42s")).isEqualTo("down — 42s");
    }

    @Test
    void scrollFollowsTheSelectionWithAMargin() {
        Scroll s = new Scroll();
        s.follow(0, 0, 100, 10);
        assertThat(s.top()).isZero();
        s.follow(15, 15, 100, 10, 2);
        assertThat(s.top()).isEqualTo(8);
        s.follow(9, 9, 100, 10, 2);
        assertThat(s.top()).isEqualTo(7);
        s.follow(99, 99, 100, 10, 2);
        assertThat(s.top()).isEqualTo(90);
        s.fit(5, 10);
        assertThat(s.top()).isZero();
    }

    @Test
    void sparklinesAndBars() {
        assertThat(Sparkline.of(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), 8, Glyphs.UNICODE)).isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(Sparkline.of(List.of(0.0, 7.0), 8, Glyphs.ASCII)).isEqualTo("_#");
        assertThat(Sparkline.of(List.of(3.0, 3.0, 3.0), 2, Glyphs.UNICODE)).isEqualTo("▁▁");
        assertThat(Bar.filled(0.5, 10, Glyphs.UNICODE)).isEqualTo("█████");
        assertThat(Bar.filled(0.55, 10, Glyphs.UNICODE)).isEqualTo("█████▌");
        assertThat(Bar.filled(0.55, 10, Glyphs.ASCII)).isEqualTo("######");
        assertThat(Bar.filled(-1, 10, Glyphs.UNICODE)).isEmpty();
        assertThat(Bar.empty("█████▌", 10, Glyphs.UNICODE)).isEqualTo("····");
    }

    @Test
    void segmentsShortenThenDropByPriority() {
        List<Segment> all = List.of(Segment.of("name", null, 0), new Segment("refreshed 3s ago", "3s ago", null, 2),
                Segment.of("every 1s", null, 3));
        assertThat(Segment.fit(all, 100, 2)).extracting(Segment::text).containsExactly("name", "refreshed 3s ago", "every 1s");
        assertThat(Segment.fit(all, 22, 2)).extracting(Segment::text).containsExactly("name", "3s ago", "every 1s");
        assertThat(Segment.fit(all, 12, 2)).extracting(Segment::text).containsExactly("name", "3s ago");
        assertThat(Segment.fit(all, 3, 2)).extracting(Segment::text).containsExactly("name");
    }
}
