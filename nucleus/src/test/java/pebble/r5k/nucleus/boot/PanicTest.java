package pebble.r5k.nucleus.boot;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.nucleus.layout.NucleusLayout;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A nucleus panic stops the machine with its own status (NUCLEUS_PANIC_STATUS, 126) and one console line,
 * both for a failed boot check and for an exception taken in kernel mode; a user fault never does that.
 */
class PanicTest {
    static final int PANIC_STATUS = (int) NucleusLayout.constants().stream()
            .filter(c -> c.name().equals("NUCLEUS_PANIC_STATUS")).findFirst().orElseThrow().value();

    @Test
    void badBootInformationIsAPanic() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootedSystem s = new SystemBuilder().timing(false).console(out).programSource("a.s", ".text\n_start: b _start\nnop\n").build();
        s.machine().writeWords(NucleusLayout.BOOTINFO_BASE, new int[] {0x12345678}); // BOOTINFO_MAGIC is the first field
        Machine.RunResult r = s.run(10_000_000L);
        assertEquals("pebble: nucleus panic: boot info: bad magic\n", out.toString());
        assertEquals(PANIC_STATUS, r.exitStatus());
    }

    @Test
    void anExceptionInKernelModeIsAPanicNotADomainFault() {
        // A (buggy) portal that switches to kernel mode and then makes a misaligned load: the general vector
        // sees KSU = 0 and panics, naming the exception and its EPC.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemBuilder b = new SystemBuilder().timing(false).console(out)
                .programSource("a.s", ".include \"pebble.inc\"\n.text\n_start: PORTAL PORTAL_FIRST_USER\nEXIT 0\n");
        long at = b.nextPortalAddress();
        b.addPortal(0, NucleusLayout.PORTAL_FIRST_USER, new int[] {
            0x240c0002,   // li    $t4, 2          (Status: EXL only, KSU = kernel)
            0x408c6000,   // mtc0  $t4, $12
            0x00000000,   // nop
            0x8c0d0001,   // lw    $t5, 1($zero)   (misaligned: AdEL)
            0x00000000,
        });
        Machine.RunResult r = b.build().run(10_000_000L);
        // EXL was 1 when the load faulted, so EPC still holds the syscall (ref §3.3): 0x00400004 (after the li)
        assertEquals(GuestRun.banner(1) + String.format("pebble: nucleus panic: AdEL at EPC 0x00400004, BadVAddr 0x00000001, Cause 0x%08x%n", 4 << 2), out.toString());
        assertEquals(PANIC_STATUS, r.exitStatus());
        assertTrue(at >= NucleusLayout.PORTAL_CODE_BASE);
    }
}
