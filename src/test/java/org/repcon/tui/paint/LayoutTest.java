package org.repcon.tui.paint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    /** Every size from too small to huge: panes inside the screen, never overlapping, nothing left out. */
    @Test
    void panesNeverOverlapAndStayOnScreen() {
        for (int w = Layout.MIN_WIDTH; w <= 260; w += 7) {
            for (int h = Layout.MIN_HEIGHT; h <= 90; h += 5) {
                for (int mainHeight : new int[] {3, 21, 200}) {
                    for (int findings : new int[] {3, 17, 400}) {
                        for (int extra : new int[] {0, 8}) {
                            Layout l = Layout.of(w, h, 120, mainHeight, x -> findings, extra);
                            Rect screen = new Rect(0, 0, w, h);
                            List<Rect> parts = List.of(l.header(), l.main(), l.extra(), l.findings(), l.bottom());
                            String at = w + "x" + h + " main " + mainHeight + " findings " + findings + " extra " + extra;
                            for (Rect r : parts) assertThat(r.isEmpty() || screen.contains(r)).as(at + ": " + r).isTrue();
                            for (int i = 0; i < parts.size(); i++) {
                                for (int j = i + 1; j < parts.size(); j++) {
                                    assertThat(parts.get(i).intersects(parts.get(j))).as(at + ": " + parts.get(i) + " and " + parts.get(j)).isFalse();
                                }
                            }
                            int area = parts.stream().mapToInt(r -> r.width() * r.height()).sum();
                            assertThat(area).as(at + ": every cell belongs to a pane").isEqualTo(w * h);
                            assertThat(l.main().height()).as(at).isGreaterThanOrEqualTo(Math.min(mainHeight, Math.min(6, h - 2)));
                        }
                    }
                }
            }
        }
    }

    @Test
    void findingsBesideTheHostsWhenWide() {
        Layout wide = Layout.of(200, 60, 110, 21, x -> 20, 8);
        assertThat(wide.findings().row()).isEqualTo(wide.main().row());
        assertThat(wide.main().width()).isEqualTo(110);
        assertThat(wide.extra().height()).isEqualTo(60 - 2 - 21);
        Layout narrow = Layout.of(80, 24, 110, 21, x -> 20, 8);
        assertThat(narrow.findings().col()).isEqualTo(0);
        assertThat(narrow.findings().row()).isEqualTo(narrow.main().bottom());
        assertThat(narrow.extra().isEmpty()).isTrue();
    }
}
