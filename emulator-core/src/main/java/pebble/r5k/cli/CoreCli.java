package pebble.r5k.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * emulator-core's own {@code pebble} root, for running {@code run}, {@code asm} and {@code disasm} in-process
 * (tests, embedding) without the modules above: the command-line tool's root is
 * {@code pebble.r5k.bench.cli.PebbleCli}, which composes these and the upper modules' subcommands.
 */
@Command(name = "pebble", mixinStandardHelpOptions = true, version = RootCommand.VERSION,
        description = "Cycle-accurate MIPS R5000 / Algorithmics P-5064 emulator for the Pebble nucleus.")
public final class CoreCli extends RootCommand {
    private CoreCli(boolean hostStdin) {
        super(hostStdin);
    }

    @Override
    protected List<Class<?>> subcommands() {
        return List.of(RunCommand.class, AsmCommand.class, DisasmCommand.class, CommandLine.HelpCommand.class);
    }

    /** emulator-core alone as a process (child-process tests): the host's stdin is the guest's console. */
    public static void main(String[] args) {
        System.exit(new CoreCli(true).commandLineFor(args).execute(args));
    }

    /** Runs {@code pebble args...} in-process and returns its exit code; the host's stdin is not read. */
    public static int execute(String... args) {
        return new CoreCli(false).commandLineFor(args).execute(args);
    }
}
