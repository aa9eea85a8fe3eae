package pebble.r5k.nucleus.cli;

import pebble.r5k.nucleus.layout.AsmIncludeWriter;
import pebble.r5k.nucleus.layout.LayoutDocWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code pebble layout}: prints what the layout DSL generates (architecture guide §6), for people assembling
 * against the nucleus with GNU as: the structure include (default), the CP0 constants, the CP0 register
 * defines, the user ABI constants, or the markdown reference.
 */
@Command(name = "layout", mixinStandardHelpOptions = true,
        description = "Prints the nucleus layout as generated for the assembly (nucleus-layout.inc by default).")
public final class LayoutCommand implements Callable<Integer> {
    static final class Which {
        @Option(names = "--asm", description = "nucleus-layout.inc: struct offsets, sizes, shifts and constants (the default)")
        boolean asm;
        @Option(names = "--cp0", description = "cp0.inc: CP0 bits, exception codes, board constants")
        boolean cp0;
        @Option(names = "--cp0-regs", description = "cp0-regs.h: #define C0_<NAME> $n for .S sources")
        boolean cp0Regs;
        @Option(names = "--abi", description = "pebble-abi.inc: the constants of the user ABI (docs/abi.md)")
        boolean abi;
        @Option(names = "--doc", description = "docs/nucleus-layout.md")
        boolean doc;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Which which = new Which();

    @Override
    public Integer call() {
        String text = which.cp0 ? AsmIncludeWriter.cp0Include()
                : which.cp0Regs ? AsmIncludeWriter.cp0RegsHeader()
                : which.abi ? AsmIncludeWriter.abiInclude()
                : which.doc ? LayoutDocWriter.render()
                : AsmIncludeWriter.layoutInclude();
        System.out.print(text);
        System.out.flush();
        return 0;
    }
}
