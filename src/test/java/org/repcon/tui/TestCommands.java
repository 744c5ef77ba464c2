package org.repcon.tui;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The console's own verbs, and what tests need: {@code lines N} opens the output box with N numbered lines
 * ("line 001"), {@code fail} posts a UI task that throws, {@code ask} asks on the bottom line as an action does
 * and says the answer ("answered: y", "answered: cancelled").
 */
final class TestCommands implements CommandHandler {

    static final String FAILURE = "a task that fails";

    private final ConsoleCommands builtins = ConsoleCommands.withoutActions(null, List::of);

    @Override
    public Result execute(String line, ConsoleControl console) {
        if (line.startsWith("lines ")) {
            int n = Integer.parseInt(line.substring("lines ".length()).strip());
            console.showReport("numbered", IntStream.rangeClosed(1, n).mapToObj(i -> String.format("line %03d", i)).toList());
            return Result.NONE;
        }
        if (line.equals("fail")) {
            console.post(() -> {
                throw new IllegalStateException(FAILURE);
            });
            return Result.NONE;
        }
        if (line.equals("ask")) {
            console.ask("sure? [y/n]", a -> console.showMessage("answered: " + (a == null ? "cancelled" : a), false));
            return Result.NONE;
        }
        return builtins.execute(line, console);
    }

    @Override
    public Result run(List<String> words, ConsoleControl console) {
        return builtins.run(words, console);
    }
}
