package pebble.r5k.nucleus.boot;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.build.NucleusImage;

import java.util.List;
import java.util.function.BiConsumer;

/** A system ready to run: the machine at the nucleus entry, the nucleus's symbols, the domains in slot order. */
public record BootedSystem(Machine machine, NucleusImage nucleus, List<String> domainNames) {
    public BootedSystem {
        domainNames = List.copyOf(domainNames);
    }

    /**
     * EntryHi.ASID of domain slot {@code domain}: slot + 1, so that ASID 0 is never a domain's
     * (docs/nucleus.md "Domains, ASIDs, threads"; the nucleus sets DOMAIN_ASID so in domains.S).
     */
    public static int asidOf(int domain) {
        return domain + 1;
    }

    /**
     * Tells {@code namer} each domain's ASID and program name, and ASID 0 as the nucleus's (it runs there
     * until the first dispatch): {@code --timeline} names its ASID tracks with them.
     */
    public void nameAsids(BiConsumer<Integer, String> namer) {
        namer.accept(0, "nucleus");
        for (int d = 0; d < domainNames.size(); d++) namer.accept(asidOf(d), domainNames.get(d));
    }

    /** Runs until the nucleus ends the run (every thread done) or {@code maxCycles} pass. */
    public Machine.RunResult run(long maxCycles) {
        return machine.run(maxCycles);
    }
}
