package org.repcon.syntax;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * stunnel's configuration has no quoting at all: a line is {@code option = value}, the value everything after
 * the first '=' with blanks around it dropped, a line starting with '#' or ';' a comment. A value is written as
 * it is when stunnel reads it back unchanged, and refused otherwise.
 */
public final class StunnelValue {

    private StunnelValue() {}

    /** Why {@code value} cannot be an option's value in stunnel's file; empty when it can. */
    public static Optional<String> problem(String value) {
        OptionalInt control = ControlCharacters.first(value);
        if (control.isPresent()) return Optional.of("it holds " + ControlCharacters.name(control.getAsInt()));
        if (value.isEmpty()) return Optional.of("it is empty");
        if (!value.strip().equals(value)) return Optional.of("it starts or ends with a blank, which stunnel drops");
        return Optional.empty();
    }

    /** The value as written after {@code option = }; an IllegalArgumentException when stunnel cannot read it back. */
    public static String of(String value) {
        problem(value).ifPresent(why -> {
            throw new IllegalArgumentException("'" + value + "' cannot be written in stunnel's configuration: " + why);
        });
        return value;
    }

    /** One {@code option = value} line. */
    public static String line(String option, String value) {
        return option + " = " + of(value);
    }
}
