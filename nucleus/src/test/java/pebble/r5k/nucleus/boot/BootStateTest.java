package pebble.r5k.nucleus.boot;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Tlb;
import pebble.r5k.nucleus.layout.NucleusLayout;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The hardware state the boot code leaves (checked after a short run): L2 on, Wired = 2, entries 0 and 1. */
class BootStateTest {
    @Test
    void bootEnablesTheL2WiresTheStackAndVectorEntriesAndKeepsTheTlbDistinct() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootedSystem s = new SystemBuilder().timing(true).console(out)
                .programSource("a.s", ".include \"pebble.inc\"\n.text\n_start: lw $t0, 0($sp)\nEXIT 0\n").build();
        Machine.RunResult r = s.run(10_000_000L);
        assertEquals(0, r.exitStatus(), out.toString());
        var cpu = s.machine().cpu();
        assertNotEquals(0, cpu.cp0.config & Cp0Reg.CONFIG_SE, "Config.SE: the L2 is enabled (ref §2.2)");
        assertEquals(2, cpu.cp0.wired);
        assertEquals(NucleusLayout.USER_STACK_VA, cpu.tlb.entryHi(0) & 0xFFFFE000L, "entry 0: the current stack (§5.2)");
        assertEquals(1, cpu.tlb.entryLo0(0) & 1, "entry 0 is global");
        assertEquals(NucleusLayout.USER_VECTOR_VA, cpu.tlb.entryHi(1) & 0xFFFFE000L, "entry 1: the user vector page");
        assertEquals(0, cpu.tlb.entryLo0(1) & 4, "the user vector page is read-only (D = 0)");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < Tlb.ENTRIES; i++) {
            boolean isGlobal = (cpu.tlb.entryLo0(i) & 1) != 0;
            long key = isGlobal ? cpu.tlb.entryHi(i) & ~0xFFL : cpu.tlb.entryHi(i);
            assertTrue(seen.add(key), "TLB entry " + i + " duplicates another: " + Long.toHexString(key));
        }
    }
}
