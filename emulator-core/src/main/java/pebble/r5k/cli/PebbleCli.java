package pebble.r5k.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pebble} command: one subcommand per tool. */
@Command(name = "pebble", mixinStandardHelpOptions = true, version = "Pebble R5K 0.1.0",
        description = "Cycle-accurate MIPS R5000 / Algorithmics P-5064 emulator for the Pebble nucleus.",
        subcommands = {RunCommand.class, AsmCommand.class, DisasmCommand.class, CommandLine.HelpCommand.class})
public final class PebbleCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Whether `run` may read the host's stdin as console input. True for the command-line tool; false when
     * embedded ({@link #execute}): a host program's stdin is not the guest's (under Maven Surefire it is the
     * test runner's own command channel), so embedded runs get input only from {@code --console-in FILE}.
     */
    final boolean hostStdin;

    PebbleCli(boolean hostStdin) {
        this.hostStdin = hostStdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(run(true, args));
    }

    /** Runs the CLI in-process and returns its exit code (tests, embedding); the host's stdin is not read. */
    public static int execute(String... args) {
        return run(false, args);
    }

    private static int run(boolean hostStdin, String... args) {
        CommandLine cl = new CommandLine(new PebbleCli(hostStdin));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Host-side failures are one line, never a stack trace.
            cmd.getErr().println("pebble: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return ExitCodes.HOST_ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("pebble: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCodes.HOST_ERROR;
        });
        return cl.execute(args);
    }
}
