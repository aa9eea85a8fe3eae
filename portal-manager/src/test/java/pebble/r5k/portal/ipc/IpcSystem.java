package pebble.r5k.portal.ipc;

import static pebble.r5k.portal.ipc.IpcPrograms.*;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.boot.BootedSystem;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.BootConsole;
import pebble.r5k.portal.gen.NucleusBinding;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.timing.TimingTable;

/**
 * Boots the nucleus with a chain of {@code n} domains joined by host-generated portals of one spec
 * (domain d's portal {@link IpcPrograms#IPC_PORTAL} enters domain d + 1; for n = 1 domain 0 enters
 * itself) and runs it to the end. The console is what followed the boot banner (checked for n domains).
 */
final class IpcSystem {
    static final long MAX_CYCLES = 200_000_000L;

    record Run(String console, Machine.RunResult result, BootedSystem system) {
        int status() { return result.exitStatus(); }
    }

    private IpcSystem() {}

    /** {@code driver} is domain 0's program; {@code leaf} the server source of the last domain. */
    static Run run(PortalSpec spec, int n, String driver, String leaf, boolean timed) {
        return run(spec, n, driver, leaf, timed, null);
    }

    /**
     * As {@link #run(PortalSpec, int, String, String, boolean)}, with {@code table} (if not null) in place of
     * the default timing table: the system builder turns the default on, and it is replaced before the
     * first instruction runs.
     */
    static Run run(PortalSpec spec, int n, String driver, String leaf, boolean timed, TimingTable table) {
        return run(spec, n, driver, leaf, timed, table, -1);
    }

    /** With {@code stacks} stacks on every domain's stack queue. */
    static Run runWithStacks(PortalSpec spec, int n, String driver, String leaf, int stacks) {
        return run(spec, n, driver, leaf, true, null, stacks);
    }

    private static Run run(PortalSpec spec, int n, String driver, String leaf, boolean timed, TimingTable table, int stacks) {
        BootConsole console = new BootConsole();
        SystemBuilder b = console.builder().timing(timed);
        if (stacks >= 0) b.stackQueueStacks(stacks);
        // domain 0 owns window page 0, which w portals pass along the chain; every domain maps it
        if (spec != null && spec.windowPosition() >= 0) {
            for (int d = 0; d < n; d++) b.mapWindow(d, 0, d == 0);
        }
        b.programSource("d0.s", driver);
        for (int d = 1; d < n; d++) {
            b.programSource("d" + d + ".s", serverDomain(d == n - 1 ? leaf : MIDDLE));
        }
        if (spec != null) {
            NucleusBinding binding = new NucleusBinding(SystemBuilder.nucleusSymbols());
            PortalGenerator.Templates t = PortalGenerator.generate(spec);
            for (int d = 0; d < Math.max(1, n - 1); d++) {
                int callee = n == 1 ? 0 : d + 1;
                long at = b.nextPortalAddress();
                int[] code = t.install(binding.values(callee, NucleusLayout.USER_TEXT_VA, constantInto(callee), IPC_PORTAL), at);
                long placed = b.addPortal(d, IPC_PORTAL, code);
                if (placed != at) throw new IllegalStateException("portal placed at 0x" + Long.toHexString(placed) + ", patched for 0x" + Long.toHexString(at));
            }
        }
        BootedSystem s = b.build();
        if (table != null) s.machine().enableTiming(table, null, Machine.DEFAULT_TRANSLATE_AFTER);
        Machine.RunResult r = s.run(MAX_CYCLES);
        return new Run(console.afterBanner(n), r, s);
    }
}
