package pebble.r5k.servers.cli;

import pebble.r5k.board.SimControl;
import pebble.r5k.cli.CliHost;
import pebble.r5k.cli.ExitCodes;
import pebble.r5k.cli.RunOptions;
import pebble.r5k.cli.RunSession;
import pebble.r5k.nucleus.boot.BootedSystem;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.boot.SystemImageException;
import pebble.r5k.nucleus.boot.UserProgram;
import pebble.r5k.nucleus.build.NucleusBuildException;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.server.PortalManagerSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pebble boot [PROGRAM ...]}: boots the Pebble nucleus on the emulated P-5064 and starts each program
 * (.s/.S source or ELF, linked at 0x00400000) in its own protection domain (docs/abi.md). The run options
 * ({@code --max-cycles}, {@code --stats}, {@code --trace}, ...) and their handling are {@code pebble run}'s
 * ({@link RunOptions}, {@link RunSession}); only what is loaded differs. The exit status is the nucleus's
 * (the footer below; README and docs/abi.md carry the same lines, BootExitCodesDocTest).
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Boots the Pebble nucleus and runs each PROGRAM (.s/.S source or ELF) in its own protection domain.",
                "Console output goes to stdout; the run ends when no thread is left."},
        footer = {BootCommand.HELP_0, BootCommand.HELP_1, BootCommand.HELP_2, BootCommand.HELP_3, BootCommand.HELP_4,
                BootCommand.HELP_5, BootCommand.HELP_6})
public final class BootCommand implements Callable<Integer> {
    // The `boot --help` footer, line by line (annotation values must be constants). The statuses 0, 1 and 126
    // are the nucleus's own (it writes them to sim-control, docs/abi.md "Exit and faults"); 124, 125 and 127
    // are the emulator's, as for `run` (ExitCodes).
    static final String HELP_0 = "Exit status:";
    static final String HELP_1 = "  0      every domain exited with status 0";
    static final String HELP_2 = "  1      a domain exited with another status or faulted";
    static final String HELP_3 = "  124    --max-cycles reached";
    static final String HELP_4 = "  125    host-side error (bad program or option, unreadable input, console)";
    static final String HELP_5 = "  126    nucleus panic (or an exception the nucleus did not handle)";
    static final String HELP_6 = "  127    deadlock: WAIT that no interrupt can end";

    @Parameters(paramLabel = "PROGRAM", arity = "0..*", description = "user programs, one domain each, in slot order")
    List<Path> programs = new ArrayList<>();

    @Mixin
    RunOptions options = new RunOptions();

    /** The root this runs under; it says whether the host's stdin may be the guest's console input. */
    @ParentCommand
    CliHost host;

    /**
     * The guest portal-manager server is part of the system by default (issue 17: `pebble boot` brings up the
     * nucleus with the portal manager): it is domain 0 and the PROGRAMs follow it.
     */
    @Option(names = "--no-portal-manager", description = "do not start the guest portal-manager server (domain 0 by default, "
            + "docs/portal-manager.md); the PROGRAMs then start at domain 0")
    boolean noPortalManager;

    @Option(names = "--sim-control", description = "map the emulator's sim-control page (uncached, writable) at USER_SIMCTL_VA"
            + " (0x7FFF0000) in every PROGRAM's domain, so programs can mark --timeline spans (docs/debugging.md);"
            + " it also lets them halt the machine, so it is off by default")
    boolean simControl;

    private boolean portalManager() {
        return !noPortalManager;
    }

    @Override
    public Integer call() throws Exception {
        try {
            // The nucleus's 126 (panic) is meant to share run's code for a guest fault: no collision note.
            return new RunSession(options, host).withoutStatusCollisionNote().run(programs, setup -> {
                SystemBuilder b = new SystemBuilder();
                if (portalManager()) PortalManagerSystem.addServer(b);
                for (Path p : programs) addProgram(b, p); // assembled here: a bad program is reported before stdin is opened
                int firstProgram = portalManager() ? 1 : 0;
                for (int d = firstProgram; simControl && d < firstProgram + programs.size(); d++) {
                    b.mapPhysical(d, NucleusLayout.USER_SIMCTL_VA, SimControl.BASE, true, false);
                }
                if (portalManager()) PortalManagerSystem.installPortals(b, programs.size() + 1);
                BootedSystem system = b.timing(setup.timing()).coherenceSink(setup.coherenceSink()).translateAfter(setup.translateAfter())
                        .console(setup.console()).consoleIn(setup.consoleIn()).build();
                system.nameAsids(setup::nameAsid); // --timeline tracks named after the domains
                return system.machine();
            });
        } catch (SystemImageException | NucleusBuildException e) {
            System.err.println("pebble: " + e.getMessage());
            return ExitCodes.HOST_ERROR;
        }
    }

    /** With the portal manager, assembly sources also see portal-manager.inc (docs/portal-manager.md). */
    private void addProgram(SystemBuilder b, Path p) {
        b.program(portalManager() ? UserProgram.fromFile(p, PortalManagerSystem.stage()) : UserProgram.fromFile(p));
    }
}
