package pebble.r5k.nucleus.boot;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.build.NucleusImage;

import java.util.List;

/** A system ready to run: the machine at the nucleus entry, the nucleus's symbols, the domains in slot order. */
public record BootedSystem(Machine machine, NucleusImage nucleus, List<String> domainNames) {
    public BootedSystem {
        domainNames = List.copyOf(domainNames);
    }

    /** Runs until the nucleus ends the run (every thread done) or {@code maxCycles} pass. */
    public Machine.RunResult run(long maxCycles) {
        return machine.run(maxCycles);
    }
}
