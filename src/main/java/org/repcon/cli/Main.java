package org.repcon.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code repcon} command: subcommands, global options, and the one error handler. */
// scope INHERIT: every subcommand takes --help (the usage errors point there) and --version.
@Command(name = "repcon", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionProvider.class,
        description = "Console and setup tool for Rspamd's replicated Redis (bayes, fuzzy) over stunnel.",
        subcommands = {ConsoleCommand.class, DemoCommand.class, ValidateCommand.class, RenderCommand.class, SetupCommand.class, StatusCommand.class,
                CheckCommand.class, ShellCommand.class, LabCommand.class, DiscoverCommand.class, BenchCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit status: 0 ok, 1 failed, 2 invalid input or usage, 70 internal error;",
                "'check' uses Nagios codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN);",
                "'shell -c' and 'setup --apply' add 3 declined and 4 refused (see their --help)."})
public final class Main implements java.util.concurrent.Callable<Integer> {

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
        if (!java.nio.file.Files.exists(java.nio.file.Path.of(first))) {
            throw org.repcon.util.RepconException.invalid("'" + first + "' is neither a command nor a file"
                    + org.repcon.util.Suggest.hint(first, spec.subcommands().keySet()) + "; see 'repcon --help'");
        }
        if (args.size() > 1) {
            throw org.repcon.util.RepconException.invalid("unexpected argument '" + args.get(1) + "'; see 'repcon --help'");
        }
        return consoleFlags.run(org.repcon.topology.TopologyLoader.load(java.nio.file.Path.of(first)));
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; tests run it in-process with their own output writers. */
    public static CommandLine commandLine() {
        Errors errors = new Errors();
        CommandLine cl = new CommandLine(new Main())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        LabCommand.describeFaults(cl.getSubcommands().get("lab"));
        return cl;
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
