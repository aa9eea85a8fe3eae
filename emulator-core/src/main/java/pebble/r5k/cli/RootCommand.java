package pebble.r5k.cli;

import picocli.CommandLine;

import java.util.List;

/**
 * The part every root {@code pebble} command shares: the {@link CliHost} answer, usage when no subcommand is
 * given, and the error handlers (one line {@code pebble: message}, exit {@link ExitCodes#HOST_ERROR}). The
 * command-line tool's root ({@code pebble.r5k.bench.cli.PebbleCli}) and emulator-core's in-process root
 * ({@link CoreCli}) both extend it, so the handlers exist once. A subclass carries the root's {@code @Command}
 * annotation (name, version, description) and lists its subcommands in {@link #subcommands()}; they are added
 * here, not in the annotation, so a run builds only the one it asked for ({@link #commandLineFor}).
 */
public abstract class RootCommand implements Runnable, CliHost {
    /** What every root prints for {@code --version}. */
    public static final String VERSION = "Pebble R5K 0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final boolean hostStdin;

    protected RootCommand(boolean hostStdin) {
        this.hostStdin = hostStdin;
    }

    @Override
    public final boolean hostStdin() {
        return hostStdin;
    }

    /** {@code pebble} with no subcommand: the usage, to stderr (stdout may be a guest's console pipe). */
    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** The subcommand classes of this root, in the order its usage lists them ({@code HelpCommand} last). */
    protected abstract List<Class<?>> subcommands();

    /** This root as a picocli command line with the one-line error handlers; {@code execute(args)} on it returns the exit code. */
    public final CommandLine commandLine() {
        return commandLine(subcommands());
    }

    /**
     * The command line to execute {@code args} with: when {@code args[0]} names a subcommand other than
     * {@code help}, the root gets only that one, else every one (root usage, {@code help}, the "did you mean"
     * of a typo need them all). Picocli builds each registered command's model by reflection when it is
     * added, a few tens of milliseconds apiece at start-up (docs/translator.md, Start-up), and a
     * subcommand's parse, help and errors do not depend on its siblings.
     */
    public final CommandLine commandLineFor(String... args) {
        if (args.length > 0 && !args[0].equals("help")) {
            for (Class<?> c : subcommands()) {
                if (c.getAnnotation(CommandLine.Command.class).name().equals(args[0])) return commandLine(List.of(c));
            }
        }
        return commandLine();
    }

    /**
     * Picocli registers its java.sql and java.time converters by reflection for every command line it builds,
     * loading ~100 JDK classes (~0.1 s of start-up); no option of ours has such a type. A property the user
     * sets wins.
     */
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    private CommandLine commandLine(List<Class<?>> subcommands) {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) System.setProperty(CONVERTER_EXCLUDES, "java\\.(sql|time)\\..*");
        CommandLine cl = new CommandLine(this);
        for (Class<?> c : subcommands) cl.addSubcommand(c);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Host-side failures are one line, never a stack trace.
            cmd.getErr().println("pebble: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return ExitCodes.HOST_ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("pebble: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCodes.HOST_ERROR;
        });
        return cl;
    }
}
