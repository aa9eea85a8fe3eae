package pebble.r5k.portal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.portal.server.PortalManagerServerTest.*;

import org.junit.jupiter.api.Test;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.boot.UserProgram;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.BootConsole;

/**
 * Two makers ask for portals at the same time: the timer preempts them inside the manager (each request
 * takes thousands of cycles, the quantum is QUANTUM_TICKS), so requests interleave. Every portal must still
 * be whole and in its own space: the client then calls all of them and checks each one's value.
 */
class ConcurrentRequestsTest {
    static final int PER_MAKER = 16, SECOND_MAKER = 3;

    static String makerOf(int first) {
        StringBuilder reqs = new StringBuilder();
        for (int i = first; i < first + PER_MAKER; i++) {
            String r = request(PAPER_SPECS.get(i % PAPER_SPECS.size()), i, 0);
            reqs.append(r, 0, r.indexOf("        jal     puthex"));
            // a refused request would leave its entry empty, and the client's call would fault
        }
        return maker(reqs.toString(), 0);
    }

    static String client() {
        StringBuilder s = new StringBuilder("""
                        .include "pebble.inc"
                        .set noreorder
                        .text
                        .globl _start
                _start: li      $s0, 60
                1:      YIELD
                        addiu   $s0, $s0, -1
                        bnez    $s0, 1b
                        nop
                """);
        for (int k = 0; k < 2 * PER_MAKER; k++) {
            s.append("""
                        li      $a1, WINDOW_VA_BASE
                        li      $v0, %d
                        syscall
                        li      $t4, 0x%x
                        bne     $v0, $t4, bad
                        li      $s1, %d
                """.formatted(FIRST + k, constant(k) + NucleusLayout.WINDOW_VA_BASE, 100 + k));
        }
        s.append("""
                        PUTC    'o'
                        PUTC    'k'
                        PUTC    '\\n'
                        EXIT 0
                bad:    EXIT_REG $s1
                """);
        return s.toString();
    }

    @Test
    void interleavedRequestsEachGetAWholePortalOfTheirOwn() {
        BootConsole console = new BootConsole();
        SystemBuilder b = console.builder().timing(true);
        PortalManagerSystem.addServer(b);
        b.program(UserProgram.fromSource("client.s", client(), PortalManagerSystem.stage()));
        b.program(UserProgram.fromSource("maker.s", makerOf(0), PortalManagerSystem.stage()));
        b.program(UserProgram.fromSource("maker2.s", makerOf(PER_MAKER), PortalManagerSystem.stage()));
        b.mapWindow(CLIENT, 0, true).mapWindow(MAKER, 0, false).mapWindow(SECOND_MAKER, 0, false);
        PortalManagerSystem.installPortals(b, 4);
        Machine.RunResult r = b.build().run(200_000_000L);
        String printed = console.afterBanner(4);
        assertEquals("ok\n", printed, r.toString());
        assertEquals(0, r.exitStatus());
    }
}
