package pebble.r5k.portal.ipc;

import static pebble.r5k.portal.ipc.IpcPrograms.*;

import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.portal.spec.PortalSpecException;

/** Runs the paper's timing loop in the guest and reads the Count difference it prints. */
final class IpcTiming {
    private IpcTiming() {}

    /** A measurement: Count ticks for {@link IpcPrograms#ITERATIONS} round trips and the legs per round trip. */
    record Measurement(String what, long ticks, int legsPerIteration) {
        /** Cycles per leg: Count ticks every other cycle (ref §3.2; the paper's "hrtime", §6.1). */
        double cyclesPerLeg() { return 2.0 * ticks / ((double) ITERATIONS * legsPerIteration); }
    }

    /** {@code spec} along {@code n} domains: one call and one return per domain boundary crossed. */
    static Measurement ipc(String specText, int n) {
        PortalSpec spec = parse(specText);
        String leaf = "server:\n        jr      $ra\n        nop\n";
        String driver = IpcDrivers.timedLoop(spec, n, n == 1 ? leaf : "server:\n        jr $ra\n        nop\n", IPC_PORTAL);
        IpcSystem.Run r = IpcSystem.run(spec, n, driver, leaf, true);
        // A→A→A is one call and one return; A→B→…→B→A crosses n-1 boundaries twice
        return new Measurement(specText + " n=" + n, ticks(r), 2 * Math.max(1, n - 1));
    }

    /** The null short-circuit portal (Table 1's "short-circuit" column): user → nucleus → user, one traversal. */
    static Measurement nullPortal() {
        String driver = IpcDrivers.timedLoop(null, 1, "server:\n        jr $ra\n        nop\n", (int) NucleusLayout.PORTAL_NULL);
        IpcSystem.Run r = IpcSystem.run(null, 1, driver, null, true);
        return new Measurement("null", ticks(r), 1);
    }

    private static long ticks(IpcSystem.Run r) {
        if (r.status() != 0) throw new AssertionError("measurement run failed: " + r.console() + r.result().reason());
        return Long.parseLong(r.console().trim(), 16);
    }

    private static PortalSpec parse(String s) {
        try {
            return PortalSpec.parse(s);
        } catch (PortalSpecException e) {
            throw new AssertionError(e.getMessage());
        }
    }
}
