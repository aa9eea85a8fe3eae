package pebble.r5k.portal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import pebble.r5k.portal.BootConsole;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.gen.NucleusBinding;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * §5.4: "If the stacks queue is empty, the portal calls the scheduler and waits until a stack becomes
 * available ... If there are any threads waiting for the stack, the portal return calls the scheduler to
 * pick the first waiting thread". Two client domains call an {@code n} portal into a server domain whose
 * stack queue holds ONE stack; the server gives up the processor while it holds it (a yield, or the timer
 * preempting a busy loop), so the second client finds the queue empty and waits, is woken by the first
 * call's return, and completes. An empty queue nobody will refill is a deadlock, reported.
 */
class StackWaitTest {
    private static final int PORTAL = IpcPrograms.IPC_PORTAL;
    private static final long MAX_CYCLES = 50_000_000L;

    /**
     * A client: lets the server's own thread exit first (as IpcPrograms), prints '+' (so the console shows
     * when it tries to call), calls with $a1 = its letter and prints the result.
     */
    private static String client(char letter, int yields) {
        return """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                        .globl _start
                _start:
                """ + "        YIELD\n".repeat(yields) + """
                        PUTC    '+'
                        li      $a1, '%c'
                        li      $v0, %d
                        syscall
                        PUTC_REG $v0
                        EXIT    0
                """.formatted(letter, PORTAL);
    }

    /**
     * The server prints '<' and the letter, gives up the processor while on the queue's only stack, prints
     * '>' and the letter, and returns the letter in lower case. Its own thread exits at once.
     */
    private static String server(String giveUpProcessor) {
        return """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                server: move    $s0, $a1
                        PUTC    '<'
                        PUTC_REG $s0
                """ + giveUpProcessor + """
                        PUTC    '>'
                        PUTC_REG $s0
                        jr      $ra
                        addiu   $v0, $s0, 'a' - 'A'
                        .globl _start
                _start: EXIT    0
                """;
    }

    /** A busy loop of about 3 × 40,000 cycles: longer than one quantum (QUANTUM_TICKS Count ticks, 2 cycles each). */
    private static final String SPIN = String.format("""
                        li      $t0, %d
                1:      addiu   $t0, $t0, -1
                        bnez    $t0, 1b
                        nop
                """, 3 * NucleusLayout.constants().stream().filter(c -> c.name().equals("QUANTUM_TICKS")).findFirst().orElseThrow().value());

    private record Run(String console, int status) {}

    /** Domains 0..clients-1 call portal PORTAL into the last domain, whose stack queue holds {@code stacks} stacks. */
    private static Run run(String spec, int stacks, String serverSource, String... clients) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemBuilder b = new SystemBuilder().timing(true).console(out).stackQueueStacks(stacks);
        for (int d = 0; d < clients.length; d++) b.programSource("c" + d + ".s", clients[d]);
        b.programSource("srv.s", serverSource);
        int serverDomain = clients.length;
        NucleusBinding binding = new NucleusBinding(SystemBuilder.nucleusSymbols());
        PortalGenerator.Templates t = PortalGenerator.generate(PortalSpec.parse(spec));
        for (int d = 0; d < clients.length; d++) {
            long at = b.nextPortalAddress();
            b.addPortal(d, PORTAL, t.install(binding.values(serverDomain, NucleusLayout.USER_TEXT_VA, 0, PORTAL), at));
        }
        Machine.RunResult r = b.build().run(MAX_CYCLES);
        return new Run(BootConsole.afterBanner(out.toString(StandardCharsets.ISO_8859_1), clients.length + 1), r.exitStatus());
    }

    @ParameterizedTest(name = "{0}, server {1}")
    @CsvSource({"npciii, yields", "npciii, is preempted", "nmiii, yields", "nmiii, is preempted"})
    void secondCallerWaitsForTheOnlyStackThenCompletes(String spec, String how) throws Exception {
        String giveUp = how.equals("yields") ? "        YIELD\n" : SPIN;
        // thread 0 (c0) takes the stack and the server gives up the processor; thread 1 (c1) finds the queue
        // empty and waits (its '+' comes before '>A'); thread 0 finishes the call, its return wakes thread 1,
        // prints 'a' and exits; thread 1 runs the portal again from its syscall, gets the stack, and completes
        Run r = run(spec, 1, server(giveUp), client('A', 1), client('B', 1));
        assertEquals("+<A+>Aa<B>Bb", r.console());
        assertEquals(0, r.status());
    }

    @Test
    void withTwoStacksNobodyWaits() throws Exception {
        Run r = run("npciii", 2, server("        YIELD\n"), client('A', 1), client('B', 1));
        assertEquals("+<A+<B>Aa>Bb", r.console());
        assertEquals(0, r.status());
    }

    @Test
    void threeCallersAreServedInTheOrderTheyStartedWaiting() throws Exception {
        Run r = run("npciii", 1, server("        YIELD\n"), client('A', 1), client('B', 1), client('C', 1));
        assertEquals("+<A++>Aa<B>Bb<C>Cc", r.console());
        assertEquals(0, r.status());
    }

    @Test
    void anEmptyQueueNobodyRefillsIsAReportedDeadlock() throws Exception {
        Run r = run("npciii", 0, server(""), client('A', 1), client('B', 1));
        assertEquals("++pebble: domain 2 (srv) deadlock: thread 0 waits for a stack\n"
                + "pebble: domain 2 (srv) deadlock: thread 1 waits for a stack\n", r.console());
        assertEquals(1, r.status(), "the waiting domains never exited");
    }
}
