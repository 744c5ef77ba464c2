package org.repcon.view;

import java.util.List;

/** One host: a title line and its instance and tunnel rows. */
public record HostPane(String name, String subtitle, Health health, List<Row> rows) {

    public HostPane {
        rows = List.copyOf(rows);
    }
}
