package pebble.r5k.portal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code pebble portal}: listing with phases and counts, and the one-line error with status 125. */
class PortalCommandTest {
    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new PortalCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test void malformedSpecIsOneLineAndStatus125() {
        Result r = run("npcxi");
        assertEquals(125, r.status());
        assertEquals("pebble portal: npcxi:4: unknown argument kind 'x' (expected i, c, w or =)\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out());
    }

    @Test void disassemblyShowsPhasesFixupsAndCounts() {
        Result r = run("npcwi", "--disasm");
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        for (String expected : new String[] {
                "call npcwi:", "return npcwi:",
                "# check: room for one more frame on the thread's invocation stack",
                "# check: the callee's stack queue has a stack",
                "# check: $a1 is a window page the caller may access",
                "# point of no return",
                "# partial save (p): the callee-saved registers",
                "tlbwi", "eret", "<- %hi(ENTRY)", "<- CALLEE_WINDOW_COUNTER",
                "# call path: ", "# return path: "}) {
            assertTrue(out.contains(expected), "missing '" + expected + "' in\n" + out);
        }
    }

    @Test void hexListingWithoutDisasm() {
        Result r = run("smciii");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("     0:  8f7a"), r.out()); // lw k0, THREAD_INVSP(k1): opcode 0x23, base 27, rt 26
        assertTrue(!r.out().contains("lw\t"), "no disassembly without --disasm");
        // counted by hand from the listing: 6 check instructions (with the delay slot); 15 to push the frame
        // (mfc0, 2 lw, addiu, lui/addiu of the return portal, 9 sw); 8 to switch (2 × lui/addiu/sw, li + mtc0
        // of the ASID); 2 for the constant; 6 to enter (lui/addiu/mtc0 EPC, lui/ori $ra, eret) = 37;
        // 2 more for the failed-check exit (j, nop). Return: 3 lw, 2 sw, mtc0; lw, lw, mtc0, sw; eret = 11.
        assertTrue(r.out().contains("# call path: 37 instructions to the eret (39 with the failed-check exits)"), r.out());
        assertTrue(r.out().contains("# return path: 11 instructions"), r.out());
    }

    @Test void newStackReturnCountsBothWaysThroughTheWake() {
        Result r = run("npciii");
        assertEquals(0, r.status(), r.err());
        // the return of main before the stack wait had 38; the wake check adds lui, lw, beq and its delay slot
        // (nobody waits: 42) and, when a thread waits, lw of its link and two sw (woken: 45)
        assertTrue(r.out().contains("# return path: 45 instructions when a thread waiting for a stack is woken, "
                + "42 when nobody waits for a stack"), r.out());
        // the call's empty-queue exit loads the callee Domain for portal_stack_wait: lui, j, addiu (was j, nop)
        assertTrue(r.out().contains("# call path: 70 instructions to the eret (75 with the failed-check exits)"), r.out());
    }
}
