package pebble.r5k.portal.gen;

import static pebble.r5k.nucleus.layout.NucleusLayout.DOMAIN;
import static pebble.r5k.nucleus.layout.NucleusLayout.PORTAL_ENTRY;
import static pebble.r5k.nucleus.layout.NucleusLayout.PORTAL_TABLE_ENTRIES;

import java.util.Map;

/**
 * Turns "a portal into domain d" into the install-time values of {@link PortalValues}, from the assembled
 * nucleus's symbols and the layout (docs/nucleus.md): where domain d's Domain record and portal table are,
 * its ASID, and the nucleus routines a failed check jumps to.
 */
public final class NucleusBinding {
    /** Nucleus labels the portal code refers to (src-guest/nucleus/data.S, faults.S). */
    static final String DOMAINS = "nucleus_domains", PORTAL_TABLES = "nucleus_portal_tables",
            WINDOW_ACCESS = "window_access", FAULT = "fault_user", STACK_WAIT = "portal_stack_wait";

    private final Map<String, Long> symbols;

    public NucleusBinding(Map<String, Long> nucleusSymbols) {
        this.symbols = nucleusSymbols;
    }

    /** The nucleus gives domain slot d the ASID d + 1; 0 is never a domain's (docs/nucleus.md, "Domains, ASIDs, threads"). */
    public static int asidOf(int domain) { return domain + 1; }

    /**
     * Values for a portal into {@code calleeDomain} entering at {@code entry}, with the {@code c} argument
     * {@code constant}, installed at {@code ownIndex}; the return portal's address is set at install.
     */
    public PortalValues values(int calleeDomain, long entry, long constant, int ownIndex) {
        long domainRecord = symbol(DOMAINS) + ((long) calleeDomain << DOMAIN.shift());
        long portalTable = symbol(PORTAL_TABLES) + (long) calleeDomain * PORTAL_TABLE_ENTRIES * PORTAL_ENTRY.sizeBytes();
        long fault = symbol(FAULT);
        // §5.4: an empty stack queue makes the caller wait in the nucleus and retry the syscall
        // (sched.S portal_stack_wait); a nucleus without that routine would fault the caller instead.
        long stackWait = symbols.getOrDefault(STACK_WAIT, fault);
        return new PortalValues(domainRecord, portalTable, asidOf(calleeDomain), entry, constant, ownIndex, 0,
                symbol(WINDOW_ACCESS), fault, stackWait);
    }

    private long symbol(String name) {
        Long v = symbols.get(name);
        if (v == null) throw new IllegalStateException("the nucleus has no symbol " + name + " (docs/nucleus.md)");
        return v;
    }
}
