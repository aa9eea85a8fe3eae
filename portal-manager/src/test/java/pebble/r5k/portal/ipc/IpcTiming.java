package pebble.r5k.portal.ipc;

import static pebble.r5k.portal.ipc.IpcPrograms.*;

import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.portal.spec.PortalSpecException;
import pebble.r5k.timing.Stats;
import pebble.r5k.timing.TimingTable;

/** Runs the paper's timing loop in the guest and reads the Count difference it prints. */
final class IpcTiming {
    private IpcTiming() {}

    /** A case: a spec (null for the null short-circuit portal) along {@code n} domains. */
    record Case(String spec, int n, boolean touchesWindow) {
        Case(String spec, int n) { this(spec, n, false); }

        /** A→A→A is one call and one return; A→B→…→B→A crosses n-1 boundaries twice; the null portal is one traversal. */
        int legsPerIteration() { return spec == null ? 1 : 2 * Math.max(1, n - 1); }

        String name() { return spec == null ? "null" : spec + " n=" + n + (touchesWindow ? " touch" : ""); }
    }

    /** Count ticks for {@link IpcPrograms#ITERATIONS} round trips, and the statistics of the loop alone. */
    record Measurement(Case c, long ticks, long[] loopStats) {
        /** Cycles per leg: Count ticks every other cycle (ref §3.2; the paper's "hrtime", §6.1). */
        double cyclesPerLeg() { return 2.0 * ticks / ((double) ITERATIONS * c.legsPerIteration()); }

        /** A statistics counter of the loop (ITERATIONS runs minus zero runs) per leg. */
        double perLeg(int counter) { return loopStats[counter] / ((double) ITERATIONS * c.legsPerIteration()); }
    }

    static Measurement measure(Case c, TimingTable table) {
        Run full = run(c, ITERATIONS, table), empty = run(c, 0, table);
        long[] a = full.stats, b = empty.stats;
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return new Measurement(c, full.ticks, d);
    }

    private record Run(long ticks, long[] stats) {}

    /** Count ticks of the full loop with the default timing table. */
    static long ticks(Case c) { return run(c, ITERATIONS, null).ticks; }

    private static Run run(Case c, int iterations, TimingTable table) {
        String placeholder = "server:\n        jr $ra\n        nop\n";
        IpcSystem.Run r;
        if (c.spec == null) {
            String driver = IpcDrivers.timedLoop(null, 1, placeholder, NucleusLayout.PORTAL_NULL, iterations);
            r = IpcSystem.run(null, 1, driver, null, true, table);
        } else {
            PortalSpec spec = parse(c.spec);
            // "window + fault" (Table 1): the leaf writes the window page, so it takes a TLB refill in the call
            // and the return removes the entry again
            String leaf = c.touchesWindow ? "server:\n        sw      $zero, 0($a1)\n        jr      $ra\n        nop\n"
                    : "server:\n        jr      $ra\n        nop\n";
            String driver = IpcDrivers.timedLoop(spec, c.n, c.n == 1 ? leaf : placeholder, IPC_PORTAL, iterations);
            r = IpcSystem.run(spec, c.n, driver, leaf, true, table);
        }
        if (r.status() != 0) throw new AssertionError(c.name() + ": measurement run failed: " + r.console() + r.result().detail());
        long[] stats = r.system().machine().stats().totals();
        return new Run(Long.parseLong(r.console().trim(), 16), stats);
    }

    private static PortalSpec parse(String s) {
        try {
            return PortalSpec.parse(s);
        } catch (PortalSpecException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** One line of statistics per leg, for explaining a figure. */
    static String explain(Measurement m) {
        return String.format("%-12s %7.2f cycles/leg: %6.2f instructions, stalls: load-use %.2f, I-miss %.2f, D-miss %.2f, "
                        + "L2-miss %.2f, exception entry/eret %.2f, write-back %.2f; exceptions %.2f, TLB refills %.3f",
                m.c().name(), m.cyclesPerLeg(), m.perLeg(Stats.INSTRUCTIONS), m.perLeg(Stats.STALL_LOAD_USE),
                m.perLeg(Stats.STALL_IMISS), m.perLeg(Stats.STALL_DMISS), m.perLeg(Stats.STALL_L2MISS),
                m.perLeg(Stats.STALL_EXCEPTION), m.perLeg(Stats.STALL_WRITEBACK), m.perLeg(Stats.EXCEPTIONS),
                m.perLeg(Stats.TLB_REFILLS));
    }
}
