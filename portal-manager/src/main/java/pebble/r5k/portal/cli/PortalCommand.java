package pebble.r5k.portal.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.portal.spec.PortalSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pebble portal SPEC [--disasm]}: the call and return code the portal manager generates for a spec. */
@Command(name = "portal", mixinStandardHelpOptions = true,
        description = {"Prints the call and return code the portal manager generates for a portal spec"
                + " (docs/portal-spec.md), a comment per phase, and the instruction counts of both paths.",
                "Examples: pebble portal npciii    pebble portal npcwi --disasm"})
public final class PortalCommand implements Callable<Integer> {
    /** A malformed spec: the exit status of every host-side error (emulator-core cli.ExitCodes.HOST_ERROR). */
    static final int MALFORMED_SPEC = pebble.r5k.cli.ExitCodes.HOST_ERROR;

    @Parameters(index = "0", paramLabel = "SPEC", description = "a portal spec such as smcii or npcwi")
    String specText;

    @Option(names = "--disasm", description = "disassemble each instruction (default: hex words only)")
    boolean disasm;

    @Spec CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        PortalSpec spec;
        try {
            spec = PortalSpec.parse(specText);
        } catch (PortalSpecException e) {
            for (String line : e.errors()) err.println("pebble portal: " + line);
            err.flush();
            return MALFORMED_SPEC;
        }
        out.print(PortalListing.render(PortalGenerator.generate(spec), disasm));
        out.flush();
        return 0;
    }
}
