package pebble.r5k.servers.cli;

import pebble.r5k.Machine;
import pebble.r5k.cli.ExitCodes;
import pebble.r5k.cli.InstructionTracer;
import pebble.r5k.nucleus.boot.BootedSystem;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.boot.SystemImageException;
import pebble.r5k.nucleus.boot.UserProgram;
import pebble.r5k.nucleus.build.NucleusBuildException;
import pebble.r5k.portal.server.PortalManagerSystem;
import pebble.r5k.timing.StatsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pebble boot [PROGRAM ...]}: boots the Pebble nucleus on the emulated P-5064 and starts each program
 * (.s/.S source or ELF, linked at 0x00400000) in its own protection domain (docs/abi.md). Console output goes
 * to stdout; the exit status is the nucleus's: 0 when every domain exited with status 0, 1 otherwise, 126
 * for a nucleus panic, 124 at the cycle limit, 125 for a host-side error.
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Boots the Pebble nucleus and runs each PROGRAM (.s/.S source or ELF) in its own protection domain.",
                "Exit status: 0 if every domain exited with status 0, 1 if one did not, 126 nucleus panic, 124 cycle limit."})
public final class BootCommand implements Callable<Integer> {
    static final long DEFAULT_MAX_CYCLES = 20_000_000_000L;

    @Parameters(paramLabel = "PROGRAM", arity = "0..*", description = "user programs, one domain each, in slot order")
    List<Path> programs = new ArrayList<>();

    @Option(names = "--max-cycles", paramLabel = "N", description = "stop after N cycles (default ${DEFAULT-VALUE}; 0 = no limit)")
    long maxCycles = DEFAULT_MAX_CYCLES;

    @Option(names = "--stats", description = "print statistics to stderr at exit (as `pebble run --stats`)")
    boolean stats;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "write the statistics as JSON to FILE at exit")
    Path statsJson;

    @Option(names = "--no-timing", description = "functional fast mode: one cycle per instruction, no caches or stalls")
    boolean noTiming;

    @Option(names = "--no-translate", description = "run every instruction in the interpreter loop (same cycles and results, slower)")
    boolean noTranslate;

    @Option(names = "--trace", description = "print one line per retired instruction to stderr")
    boolean trace;

    @Option(names = "--portal-manager", description = "start the portal-manager server as domain 0 before the PROGRAMs; "
            + "sources then also see portal-manager.inc (docs/portal-manager.md)")
    boolean portalManager;

    @Override
    public Integer call() throws Exception {
        OutputStream console = new BufferedOutputStream(System.out, 1 << 12);
        BootedSystem system;
        try {
            SystemBuilder b = new SystemBuilder().timing(!noTiming).console(console)
                    .translateAfter(noTranslate ? 0 : Machine.DEFAULT_TRANSLATE_AFTER);
            if (portalManager) PortalManagerSystem.addServer(b);
            for (Path p : programs) {
                if (!Files.isRegularFile(p)) throw new SystemImageException(p + ": no such file");
                String name = p.getFileName().toString();
                if (portalManager && (name.endsWith(".s") || name.endsWith(".S"))) {
                    b.program(UserProgram.fromSource(name, Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1), PortalManagerSystem.stage()));
                } else {
                    b.programFile(p);
                }
            }
            if (portalManager) PortalManagerSystem.installPortals(b, programs.size() + 1);
            system = b.build();
        } catch (SystemImageException | NucleusBuildException e) {
            System.err.println("pebble: " + e.getMessage());
            return ExitCodes.HOST_ERROR;
        }
        Machine m = system.machine();
        PrintStream traceOut = null;
        if (trace) {
            traceOut = new PrintStream(new BufferedOutputStream(System.err, 1 << 16));
            m.setTraceListener(new InstructionTracer(m.cpu(), traceOut));
        }
        Machine.RunResult r = system.run(maxCycles <= 0 ? Long.MAX_VALUE : maxCycles);
        if (traceOut != null) traceOut.flush();
        console.flush();
        if (stats) System.err.print(StatsWriter.text(m.stats()));
        if (statsJson != null) Files.writeString(statsJson, StatsWriter.json(m.stats()));
        if (!r.halted()) {
            System.err.printf("pebble: stopped after %d cycles (--max-cycles); pc=0x%016x%n", r.cycles(), m.cpu().pc);
            return ExitCodes.CYCLE_LIMIT;
        }
        return r.exitStatus();
    }
}
