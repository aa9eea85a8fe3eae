package pebble.r5k.portal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import pebble.r5k.portal.BootConsole;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.gen.NucleusBinding;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * Issue 17: "Faults in user mode ... become a portal call to the domain's fault handler". The victim
 * (domain 0) names portal 16 of its table, a portal into the handler domain (1), with PORTAL_SET_FAULT;
 * its faults then reach the handler as a call with $a0 = ExcCode, $a1 = EPC, $a2 = BadVAddr, and the
 * handler's verdict ($v0: 0 terminate, else resume at EPC + 4) decides. A handler that faults itself gets
 * the default handler, and so does the fault it was handling.
 */
class FaultPortalTest {
    private static final int PORTAL = IpcPrograms.IPC_PORTAL;

    /**
     * Addresses below are counted from USER_TEXT_VA: 0 li $a0; 4 li $v0; 8 syscall; c li $t0; 10 the lw of
     * an unmapped page (TLBL, BadVAddr 0x1234, through the refill vector); 14..1c PUTC 'R'; 20 mtc0 (CpU).
     */
    private static final String VICTIM = """
                    .include "pebble.inc"
                    .set noreorder
                    .text
                    .globl _start
            _start: li      $a0, %d
                    li      $v0, PORTAL_SET_FAULT
                    syscall
                    li      $t0, 0x1234
                    lw      $t1, 0($t0)
                    PUTC    'R'
                    mtc0    $zero, $12
                    PUTC    'X'
                    EXIT    0
            """.formatted(PORTAL);

    /**
     * Prints 'H', ExcCode and EPC (and BadVAddr for a TLBL) in hex, through the shared puthex (entered with
     * jal); resumes a TLBL (2), terminates anything else.
     */
    private static final String HANDLER = """
                    .include "pebble.inc"
                    .set noreorder
                    .text
            server: move    $s0, $a0
                    move    $s1, $a1
                    move    $s2, $a2
                    move    $s3, $ra
                    PUTC    'H'
                    jal     puthex
                    move    $a0, $s0
                    jal     puthex
                    move    $a0, $s1
                    li      $t0, 2
                    bne     $s0, $t0, 1f
                    move    $v0, $zero
                    jal     puthex
                    move    $a0, $s2
                    li      $v0, 1
            1:      jr      $s3
                    nop
            %s
                    .globl _start
            _start: EXIT    0
            """.formatted(IpcPrograms.puthex("$ra"));

    /** A handler that faults at once: its first instruction loads from address 0 (TLBL, EPC USER_TEXT_VA). */
    private static final String FAULTING_HANDLER = """
                    .include "pebble.inc"
                    .set noreorder
                    .text
            server: lw      $t0, 0($zero)
                    jr      $ra
                    li      $v0, 1
                    .globl _start
            _start: EXIT    0
            """;

    private record Run(String console, int status) {}

    private static Run run(String spec, String handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemBuilder b = new SystemBuilder().timing(true).console(out);
        b.programSource("victim.s", VICTIM);
        b.programSource("handler.s", handler);
        NucleusBinding binding = new NucleusBinding(SystemBuilder.nucleusSymbols());
        PortalGenerator.Templates t = PortalGenerator.generate(PortalSpec.parse(spec));
        long at = b.nextPortalAddress();
        b.addPortal(0, PORTAL, t.install(binding.values(1, NucleusLayout.USER_TEXT_VA, 0, PORTAL), at));
        Machine.RunResult r = b.build().run(50_000_000L);
        return new Run(BootConsole.afterBanner(out.toString(StandardCharsets.ISO_8859_1), 2), r.exitStatus());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"smiii", "npiii"})
    void handlerResumesOneFaultAndTerminatesTheNext(String spec) throws Exception {
        Run r = run(spec, HANDLER);
        long lw = NucleusLayout.USER_TEXT_VA + 0x10, mtc0 = NucleusLayout.USER_TEXT_VA + 0x20;
        String expected = String.format("H00000002\n%08x\n00001234\n", lw)     // TLBL: resumed after the lw
                + "R"
                + String.format("H0000000b\n%08x\n", mtc0)                      // CpU: terminated
                // BadVAddr is not defined for CpU (the last translation's is left): any 8 digits
                + String.format("pebble: domain 0 (victim) fault CpU at EPC 0x%08x, BadVAddr 0x", mtc0);
        assertTrue(r.console().startsWith(expected), r.console());
        assertEquals(expected.length() + 9, r.console().length(), "8 hex digits and a newline end the console: " + r.console());
        assertEquals(1, r.status(), "the victim faulted");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"smiii", "npiii"})
    void aFaultingHandlerGetsTheDefaultAndSoDoesTheFaultItHandled(String spec) throws Exception {
        Run r = run(spec, FAULTING_HANDLER);
        assertEquals("pebble: domain 1 (handler) fault TLBL at EPC 0x00400000, BadVAddr 0x00000000\n"
                + "pebble: domain 0 (victim) fault TLBL at EPC 0x00400010, BadVAddr 0x00001234\n", r.console());
        assertEquals(1, r.status());
    }

    /** Misuse of the two fault portals is the caller's Sys fault at its syscall (no handler named: the default). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"li $a0, 3\n li $v0, PORTAL_SET_FAULT", "li $a0, 64\n li $v0, PORTAL_SET_FAULT",
            "li $a0, 1\n li $v0, PORTAL_FAULT_DONE"})
    void misusedFaultPortalsAreTheCallersFault(String call) throws Exception {
        String victim = """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                        .globl _start
                _start: %s
                        syscall
                        EXIT    0
                """.formatted(call);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Machine.RunResult r = new SystemBuilder().timing(true).console(out).programSource("victim.s", victim).build().run(50_000_000L);
        String expected = String.format("pebble: domain 0 (victim) fault Sys at EPC 0x%08x, BadVAddr 0x", NucleusLayout.USER_TEXT_VA + 8);
        String console = BootConsole.afterBanner(out.toString(StandardCharsets.ISO_8859_1), 1);
        assertTrue(console.startsWith(expected), console);
        assertEquals(1, console.split("\n").length, console);
        assertEquals(1, r.exitStatus());
    }
}
