package pebble.r5k.portal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.BootConsole;
import pebble.r5k.portal.gen.NucleusBinding;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * Memory windows through generated {@code w} portals (§5.3, Table 1's window columns): domain 0 owns window
 * page 0 and passes it to domain 1, which reads what the owner wrote and writes an answer there during the
 * call. After the return the callee's count is zero and its TLB entry gone, so the same page touched by the
 * callee through a second portal that passes no window faults (TLBL, BadVAddr the window page), although
 * the callee had it in its TLB a moment before.
 */
class WindowIpcTest {
    private static final int WINDOW_PORTAL = IpcPrograms.IPC_PORTAL, PEEK_PORTAL = IpcPrograms.IPC_PORTAL + 1;
    /** The callee's second entry, {@code peek}, is its third word (after {@code server: b; nop}). */
    private static final long PEEK_ENTRY = NucleusLayout.USER_TEXT_VA + 8;

    private static final String CALLEE = """
                    .include "pebble.inc"
                    .set noreorder
                    .text
            server: b       serve
                    nop
            peek:   b       look
                    nop
            # $a1 = an address in the window page: read the owner's word at the page start, answer $a2 * 3 at $a1
            serve:  srl     $t4, $a1, 12
                    sll     $t4, $t4, 12
                    lw      $v0, 0($t4)
                    addiu   $v0, $v0, 1
                    sll     $t5, $a2, 1
                    addu    $t5, $t5, $a2
                    sw      $t5, 0($a1)
                    jr      $ra
                    nop
            # the window page again, without a window: the count is 0 and the TLB entry was removed
            look:   lui     $t4, 0x6000
                    lw      $v0, 0($t4)
                    jr      $ra
                    nop
                    .globl _start
            _start: EXIT 0
            """;

    private static String caller(String ownServer, boolean peekAfter) {
        return """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                %s
                        .globl _start
                _start: YIELD
                        lui     $t6, 0x6000
                        li      $t4, 0x1234
                        sw      $t4, 0($t6)             # the owner writes its page (count 1)
                        ori     $a1, $t6, 0x10
                        li      $a0, 0
                        li      $a2, 5
                        li      $a3, 0
                        li      $v0, %d
                        syscall
                        li      $t4, 0x1235
                        bne     $v0, $t4, bad
                        nop
                        lui     $t6, 0x6000
                        lw      $t4, 0x10($t6)
                        li      $t5, 15
                        bne     $t4, $t5, bad
                        nop
                        PUTS    ok
                        %s
                        EXIT 0
                bad:    PUTS    wrong
                        EXIT 1
                        .data
                ok:     .asciz  "window ok\\n"
                wrong:  .asciz  "window wrong\\n"
                """.formatted(ownServer, WINDOW_PORTAL, peekAfter ? "li $v0, " + PEEK_PORTAL + "\n        syscall\n        PUTS ok" : "");
    }

    private record Run(String console, int status) {}

    private static Run run(String specText, int n) throws Exception {
        PortalSpec spec = PortalSpec.parse(specText);
        BootConsole console = new BootConsole();
        SystemBuilder b = console.builder().mapWindow(0, 0, true);
        if (n == 2) b.mapWindow(1, 0, false);
        // for n = 1 the caller is its own callee: its server is the callee's serve code
        String own = n == 1 ? CALLEE.substring(CALLEE.indexOf("server:"), CALLEE.indexOf("        .globl _start")) : "server: jr $ra\n        nop";
        b.programSource("d0.s", caller(own, n == 2));
        if (n == 2) b.programSource("d1.s", CALLEE);
        NucleusBinding binding = new NucleusBinding(SystemBuilder.nucleusSymbols());
        int callee = n - 1;
        long at = b.nextPortalAddress();
        b.addPortal(0, WINDOW_PORTAL, PortalGenerator.generate(spec).install(
                binding.values(callee, NucleusLayout.USER_TEXT_VA, IpcPrograms.constantInto(callee), WINDOW_PORTAL), at));
        if (n == 2) {
            at = b.nextPortalAddress();
            b.addPortal(0, PEEK_PORTAL, PortalGenerator.generate(PortalSpec.parse("smc")).install(
                    binding.values(1, PEEK_ENTRY, 0, PEEK_PORTAL), at));
        }
        Machine.RunResult r = b.build().run(IpcSystem.MAX_CYCLES);
        return new Run(console.afterBanner(n), r.exitStatus());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"npcwii", "smcwii", "npcwi", "smcwi"})
    void calleeUsesTheWindowDuringTheCallOnly(String spec) throws Exception {
        Run r = run(spec, 2);
        String[] lines = r.console().split("\n");
        assertEquals("window ok", lines[0], r.console());
        assertEquals(2, lines.length, r.console());
        assertTrue(lines[1].matches("pebble: domain 1 \\(d1\\) fault TLBL at EPC 0x[0-9a-f]{8}, BadVAddr 0x60000000.*"), r.console());
        assertEquals(1, r.status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"npcwii", "smcwii"})
    void aWindowIntoTheOwnerItselfKeepsItsCount(String spec) throws Exception {
        Run r = run(spec, 1);
        assertEquals("window ok\n", r.console());
        assertEquals(0, r.status());
    }
}
