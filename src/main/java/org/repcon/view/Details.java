package org.repcon.view;

import java.util.List;

/** The details view of one instance: INFO fields grouped by section, and trend series for sparklines. */
public record Details(String key, String title, List<Group> groups, List<Series> series) {

    public record Field(String name, String value) {}

    public record Group(String title, List<Field> fields) {}

    /** A trend, oldest first; {@code unit} says how to print the latest value. */
    public record Series(String title, String unit, List<Double> values) {}

    public Details {
        groups = List.copyOf(groups);
        series = List.copyOf(series);
    }
}
