package pebble.r5k.bench.cli;

import pebble.r5k.Machine;
import pebble.r5k.cli.AsmCommand;
import pebble.r5k.cli.DisasmCommand;
import pebble.r5k.cli.RootCommand;
import pebble.r5k.cli.RunCommand;
import pebble.r5k.mem.PhysicalMemory;
import pebble.r5k.nucleus.cli.LayoutCommand;
import pebble.r5k.portal.cli.PortalCommand;
import pebble.r5k.servers.cli.BootCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The {@code pebble} command-line tool: the root of every subcommand. It lives in {@code bench}, the top of the
 * module graph, because each module contributes its own subcommand classes (emulator-core {@code run},
 * {@code asm}, {@code disasm}; nucleus {@code layout}, portal-manager {@code portal}, servers {@code boot}; later bench {@code tables})
 * and only the top can see them all. Adding one is one line in {@link #subcommands} below (docs/architecture.md).
 */
@Command(name = "pebble", mixinStandardHelpOptions = true, version = RootCommand.VERSION,
        description = "Cycle-accurate MIPS R5000 / Algorithmics P-5064 emulator for the Pebble nucleus.")
public final class PebbleCli extends RootCommand {
    PebbleCli(boolean hostStdin) {
        super(hostStdin);
    }

    @Override
    protected List<Class<?>> subcommands() {
        return List.of(
                RunCommand.class,     // emulator-core
                AsmCommand.class,     // emulator-core
                DisasmCommand.class,  // emulator-core
                LayoutCommand.class,  // nucleus
                PortalCommand.class,  // portal-manager
                BootCommand.class,    // servers
                CommandLine.HelpCommand.class);
    }

    public static void main(String[] args) {
        // The commands that make a machine: its RAM is zeroed on another thread meanwhile
        // (PhysicalMemory.allocateAhead).
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("boot"))) {
            PhysicalMemory.allocateAhead(Machine.DEFAULT_RAM_BYTES);
        }
        System.exit(new PebbleCli(true).commandLineFor(args).execute(args));
    }

    /** Runs {@code pebble args...} in-process and returns its exit code (tests, embedding); the host's stdin is not read. */
    public static int execute(String... args) {
        return new PebbleCli(false).commandLineFor(args).execute(args);
    }
}
