package org.repcon.tui.paint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.tui.Fixtures;
import org.repcon.view.Row;

class ColumnsTest {

    private static final List<Row> ROWS = Fixtures.faulted(0).hosts().stream().flatMap(h -> h.rows().stream()).toList();

    private static List<String> headers(int width) {
        return Columns.fit(ROWS, width).columns().stream().map(Columns.Column::header).toList();
    }

    private static int used(int width) {
        Columns c = Columns.fit(ROWS, width);
        return Columns.GUTTER + c.columns().stream().mapToInt(col -> col.width() + c.gap()).sum() - c.gap();
    }

    @Test
    void dropsColumnsByPriorityAndNeverOverflows() {
        assertThat(headers(200)).containsExactly("NAME", "ROLE", "LINK", "MASTER OFS", "REPLICA OFS", "LAG B", "LAST IO",
                "SYNC", "MEMORY", "");
        assertThat(headers(80)).containsExactly("NAME", "ROLE", "LINK", "LAG B", "LAST IO", "SYNC", "MEMORY", "");
        assertThat(headers(78)).containsExactly("NAME", "ROLE", "LINK", "LAG B", "LAST IO", "SYNC", "MEMORY");
        assertThat(headers(50)).containsExactly("NAME", "ROLE", "LINK", "LAST IO");
        assertThat(headers(38)).startsWith("NAME", "LINK");
        for (int w = 12; w <= 220; w++) assertThat(used(w)).as("width %d", w).isLessThanOrEqualTo(w);
    }

    @Test
    void twoSpacesBetweenColumnsWhenThereIsRoom() {
        assertThat(Columns.fit(ROWS, 200).gap()).isEqualTo(2);
        assertThat(Columns.fit(ROWS, 78).gap()).isEqualTo(1);
    }
}
