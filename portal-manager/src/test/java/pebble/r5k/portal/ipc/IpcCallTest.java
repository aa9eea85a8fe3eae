package pebble.r5k.portal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.portal.ipc.IpcPrograms.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import pebble.r5k.portal.spec.PortalSpec;

/**
 * Portal calls across 1, 2, 4 and 8 domains with every spec of Tables 1, 2 and 6 (the window ones pass
 * window page 0, which domain 0 owns, along the chain; WindowIpcTest covers the page's use): the
 * chain returns the right value and the caller's registers are exactly as the spec promises, with a leaf
 * that clobbers every callee-saved register and $ra.
 */
class IpcCallTest {
    @ParameterizedTest(name = "{0} across {1} domains")
    @CsvSource({
            "npciii, 1", "npciii, 2", "npciii, 4", "npciii, 8",
            "smciii, 1", "smciii, 2", "smciii, 4", "smciii, 8",
            "smcii, 1", "smcii, 2", "smcii, 4", "smcii, 8",
            "npcwii, 1", "npcwii, 2", "npcwii, 4", "npcwii, 8",
            "smcwii, 1", "smcwii, 2", "smcwii, 4", "smcwii, 8",
            "npcwi, 1", "npcwi, 2", "npcwi, 4", "npcwi, 8",
            "npcii, 2", "spciii, 2", "nmciii, 2", "sm=iii, 2"})
    void chainReturnsTheValueAndKeepsWhatTheSpecPromises(String specText, int n) throws Exception {
        PortalSpec spec = PortalSpec.parse(specText);
        String leaf = leaf(spec, true);
        String driver = IpcDrivers.checkedCall(spec, n, n == 1 ? leaf : "server:\n        jr $ra\n        nop\n");
        IpcSystem.Run r = IpcSystem.run(spec, n, driver, leaf, true);
        assertEquals("", r.console(), r.result().detail());
        assertEquals(0, r.status(), r.console() + r.result().detail());
    }
}
