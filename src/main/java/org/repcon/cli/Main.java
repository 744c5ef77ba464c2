package org.repcon.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code repcon} command: subcommands, global options, and the one error handler. */
// scope INHERIT: every subcommand takes --help (the usage errors point there) and --version.
@Command(name = "repcon", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionProvider.class,
        description = "Console and setup tool for Rspamd's replicated Redis (bayes, fuzzy) over stunnel.",
        footer = {"", "Exit status: 0 ok, 1 failed, 2 invalid input or usage, 70 internal error;",
                "'check' uses Nagios codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN);",
                "'shell -c' and 'setup --apply' add 3 declined and 4 refused (see their --help)."})
public final class Main implements java.util.concurrent.Callable<Integer> {

    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli reads every annotation of a
     * subcommand and its mixins when it is added, about a third of the console's start, so a command line adds only
     * the subcommand it runs ({@link #commandLine(String...)}).
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ConsoleCommand.class, DemoCommand.class, ValidateCommand.class,
            RenderCommand.class, SetupCommand.class, StatusCommand.class, CheckCommand.class, ShellCommand.class, LabCommand.class,
            DiscoverCommand.class, BenchCommand.class, AutoComplete.GenerateCompletion.class);
    /** Subcommands that read the whole tree: the completion script names every command. */
    private static final Set<String> WHOLE_TREE = Set.of("generate-completion");

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors (always in the log file).")
    boolean verbose;

    // Global, before or after the subcommand: picocli sets an inherited option on this object wherever it is typed, so
    // every command reads it here (readOnly(spec)) and no subcommand can have a --read-only of its own that ignores it.
    @Option(names = "--read-only", scope = ScopeType.INHERIT, description = "Refuse every command that changes the deployment"
            + " (start, stop, restart, repoint, resync, promote, setup --apply), in the console and the shell too.")
    boolean readOnly;

    /** A list, not one path: so that a mistyped command ("valdate FILE") is told apart from a file. */
    @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "FILE",
            description = "A topology file: opens the console on it (same as 'repcon console FILE').")
    java.util.List<String> args;

    @picocli.CommandLine.Mixin
    ConsoleCommand.ConsoleFlags consoleFlags;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (args == null || args.isEmpty()) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
        String first = args.get(0);
        if (!Files.exists(Path.of(first))) {
            throw org.repcon.util.RepconException.invalid("'" + first + "' is neither a command nor a file"
                    + org.repcon.util.Suggest.hint(first, spec.subcommands().keySet()) + "; see 'repcon --help'");
        }
        if (args.size() > 1) {
            throw org.repcon.util.RepconException.invalid("unexpected argument '" + args.get(1) + "'; see 'repcon --help'");
        }
        return consoleFlags.run(EarlyTopology.load(Path.of(first)));
    }

    public static void main(String[] args) {
        EarlyTopology.startFor(args);
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** The configured command line with every subcommand (help, completion, tests of the model). */
    public static CommandLine commandLine() {
        return withSubcommands(root(), SUBCOMMANDS);
    }

    /**
     * The configured command line for these arguments, as the launcher runs it: with only the subcommand they name
     * ({@code repcon status FILE}), none when they open the console on a file ({@code repcon FILE}), every one
     * otherwise (no arguments, help, a mistyped command: the usage and the did-you-mean name them all). Tests run it
     * in-process with their own output writers.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine root = root();
        String word = firstWord(root.getCommandSpec(), args);
        if (word == null || WHOLE_TREE.contains(word)) return withSubcommands(root, SUBCOMMANDS);
        for (Class<?> c : SUBCOMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(word)) return withSubcommands(root, List.of(c));
        }
        return exists(word) ? root : withSubcommands(root, SUBCOMMANDS);
    }

    private static CommandLine root() {
        Errors errors = new Errors();
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static CommandLine withSubcommands(CommandLine root, List<Class<?>> subcommands) {
        // A loop, not root::addSubcommand: a lambda on picocli's CommandLine, a Java 5 class, keeps it out of the class data archive.
        for (Class<?> c : subcommands) root.addSubcommand(c);
        CommandLine completion = root.getSubcommands().get("generate-completion");
        if (completion != null) completion.getCommandSpec().usageMessage().hidden(false);
        CommandLine lab = root.getSubcommands().get("lab");
        if (lab != null) LabCommand.describeFaults(lab);
        return root;
    }

    /** The first argument that is neither one of the root's options nor an option's value: a subcommand or a file. */
    private static String firstWord(CommandSpec spec, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) return i + 1 < args.length && exists(args[i + 1]) ? args[i + 1] : null; // a file, not a command
            if (!arg.startsWith("-") || arg.equals("-")) return arg;
            OptionSpec option = arg.contains("=") ? null : spec.findOption(arg);
            if (option != null && option.arity().max() > 0) i++; // its value
        }
        return null;
    }

    private static boolean exists(String word) {
        try {
            return Files.exists(Path.of(word));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether --read-only was given, before or after the subcommand: {@code spec} is any command's (or mixin's). */
    static boolean readOnly(picocli.CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof Main main && main.readOnly;
    }

    /** Whether --verbose was given, before or after the subcommand. */
    static boolean verbose(ParseResult result) {
        for (ParseResult p = result; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }
}
