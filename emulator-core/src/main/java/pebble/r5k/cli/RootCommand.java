package pebble.r5k.cli;

import picocli.CommandLine;

/**
 * The part every root {@code pebble} command shares: the {@link CliHost} answer, usage when no subcommand is
 * given, and the error handlers (one line {@code pebble: message}, exit {@link ExitCodes#HOST_ERROR}). The
 * command-line tool's root ({@code pebble.r5k.bench.cli.PebbleCli}) and emulator-core's in-process root
 * ({@link CoreCli}) both extend it, so the handlers exist once. A subclass carries the {@code @Command}
 * annotation that names its subcommands.
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

    /** This root as a picocli command line with the one-line error handlers; {@code execute(args)} on it returns the exit code. */
    public final CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
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
