package pebble.r5k.portal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.portal.server.PortalManagerAbi.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.boot.BootedSystem;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.BootConsole;
import pebble.r5k.portal.gen.NucleusBinding;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.ipc.IpcPrograms;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * The guest portal-manager server on real guest runs: domain 0 is the manager, domain 1 a client whose
 * table receives portals, domain 2 the maker, which asks the manager for portals into itself placed in the
 * client's table (portal_create_child), then exits.
 */
class PortalManagerServerTest {
    static final int CLIENT = 1, MAKER = 2, FIRST = NucleusLayout.PORTAL_FIRST_USER;
    static final List<String> PAPER_SPECS = List.of("npciii", "npcwii", "smciii", "smcwii", "smcii", "npcwi");

    record Run(String console, Machine.RunResult result, BootedSystem system) {}

    /** Low halves >= 0x8000, so a %hi without the carry shows. */
    static long constant(int i) { return 0x12348000L + 0x111L * i; }

    /** The maker's request for spec {@code spec} at client index FIRST + i; $v0 stored at results + 4i. */
    static String request(String spec, int i, int flags) {
        return """
                        li      $a1, PM_OP_CREATE_CHILD | %d
                        li      $a2, 0x%x
                        li      $a3, 0x%x
                        li      $t0, 0x%x
                        li      $t1, (%d << 16) | %d
                        la      $t2, server
                        li      $t3, 0x%x
                        li      $v0, PORTAL_PM
                        syscall
                        jal     puthex
                        move    $a0, $v0
                """.formatted(flags, word(spec, 0), word(spec, 4), word(spec, 8), CLIENT, FIRST + i, constant(i));
    }

    static String maker(String requests, int count) {
        return """
                        .include "pebble.inc"
                        .include "portal-manager.inc"
                        .set noreorder
                        .text
                server: move    $v0, $a0                # the created portals' callee: returns its first argument
                        addu    $v0, $v0, $a1
                        jr      $ra
                        nop
                        .globl _start
                _start:
                %s
                        EXIT 0
                %s
                """.formatted(requests, PUTHEX);
    }

    /** Prints $a0 as 8 hex digits and a newline, returning through $ra (clobbers $t4..$t6, $a0, $v0). */
    static final String PUTHEX = IpcPrograms.puthex("$ra");

    /** The manager, the client and the maker; the console is what followed the boot banner. */
    static Run run(boolean timed, String client, String maker) {
        BootConsole console = new BootConsole();
        SystemBuilder b = console.builder().timing(timed);
        PortalManagerSystem.addServer(b);
        b.program(pebble.r5k.nucleus.boot.UserProgram.fromSource("client.s", client, PortalManagerSystem.stage()));
        b.program(pebble.r5k.nucleus.boot.UserProgram.fromSource("maker.s", maker, PortalManagerSystem.stage()));
        // window page 0 is the client's; the maker may receive it through a w portal (§5.3)
        b.mapWindow(CLIENT, 0, true).mapWindow(MAKER, 0, false);
        PortalManagerSystem.installPortals(b, 3);
        BootedSystem s = b.build();
        Machine.RunResult r = s.run(100_000_000L);
        return new Run(console.afterBanner(3), r, s);
    }

    static final String IDLE_CLIENT = """
                    .include "pebble.inc"
                    .text
                    .globl _start
            _start: EXIT 0
            """;

    static long entryCode(Machine m, int domain, int index) {
        long table = SystemBuilder.nucleusSymbols().get("nucleus_portal_tables")
                + (long) domain * NucleusLayout.PORTAL_TABLE_ENTRIES * NucleusLayout.PORTAL_ENTRY.sizeBytes();
        long entry = table + (long) index * NucleusLayout.PORTAL_ENTRY.sizeBytes() + NucleusLayout.PORTAL_ENTRY.offset("CODE");
        return m.ram().read32(Machine.kernelPhysical(entry)) & 0xFFFFFFFFL;
    }

    static int[] ramWords(Machine m, long kseg0, int count) {
        int[] w = new int[count];
        for (int i = 0; i < count; i++) w[i] = m.ram().read32(Machine.kernelPhysical(kseg0 + 4L * i));
        return w;
    }

    static List<String> randomSpecs(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            StringBuilder s = new StringBuilder().append(r.nextBoolean() ? 's' : 'n').append(r.nextBoolean() ? 'm' : 'p');
            int args = r.nextInt(PortalSpec.MAX_ARGUMENTS + 1);
            boolean window = false;
            for (int k = 0; k < args; k++) {
                char c = "icw=".charAt(r.nextInt(4));
                if (c == 'w') { if (window) c = 'i'; window = true; }
                s.append(c);
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void guestMadePortalsEqualHostMadePortals() throws Exception {
        List<String> specs = new ArrayList<>(PAPER_SPECS);
        specs.addAll(randomSpecs(24, 17));
        StringBuilder reqs = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) reqs.append(request(specs.get(i), i, 0));
        Run run = run(true, IDLE_CLIENT, maker(reqs.toString(), specs.size()));
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
        Machine m = run.system().machine();
        NucleusBinding binding = new NucleusBinding(SystemBuilder.nucleusSymbols());
        String[] lines = run.console().split("\n");
        assertEquals(specs.size(), lines.length, run.console());
        for (int i = 0; i < specs.size(); i++) {
            long at = Long.parseLong(lines[i], 16);
            assertTrue(at >= PM_CODE_KSEG0 && at < PM_CODE_KSEG0 + PM_CODE_BYTES, specs.get(i) + " installed at 0x" + Long.toHexString(at));
            int[] host = PortalGenerator.generate(PortalSpec.parse(specs.get(i)))
                    .install(binding.values(MAKER, NucleusLayout.USER_TEXT_VA, constant(i), FIRST + i), at);
            int[] guest = ramWords(m, at, host.length);
            StringBuilder diff = new StringBuilder();
            for (int k = 0; k < host.length; k++) if (host[k] != guest[k]) diff.append(String.format(" [%d] host %08x guest %08x", k, host[k], guest[k]));
            assertArrayEquals(host, guest, specs.get(i) + ":" + diff);
        }
    }

    /**
     * Yields until the maker has run, calls the created portal FIRST with $a1 = the client's window page (a
     * word for specs without a window), prints ok if it returned constant(0) + $a1.
     */
    static String callingClient(String before) {
        return """
                        .include "pebble.inc"
                        .include "portal-manager.inc"
                        .set noreorder
                        .text
                        .globl _start
                _start:
                %s
                        li      $s0, 10
                1:      YIELD
                        addiu   $s0, $s0, -1
                        bnez    $s0, 1b
                        nop
                        li      $a0, 0xEEEE
                        li      $a1, WINDOW_VA_BASE
                        li      $a2, 7
                        li      $a3, 9
                %s
                2:      EXIT 3
                """.formatted(before, callExpectingOk(FIRST, constant(0) + NucleusLayout.WINDOW_VA_BASE));
    }

    /**
     * Calls portal {@code portal} (arguments already in place) and, if it returned {@code expected}, prints
     * ok and exits 0; otherwise branches to the caller's local label 2 (forward), which says how it ends.
     */
    static String callExpectingOk(int portal, long expected) {
        return """
                        li      $v0, %d
                        syscall
                        li      $t4, 0x%x
                        bne     $v0, $t4, 2f
                        nop
                        PUTC    'o'
                        PUTC    'k'
                        PUTC    '\\n'
                        EXIT 0
                """.formatted(portal, expected);
    }

    static String line(String console, int n) { return console.split("\n")[n]; }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"smciii", "npciii", "spciii", "nmciii", "npcwii", "smcwii", "npcwi", "smcwi"})
    void aPortalTheServerCreatedAtRunTimeIsCalledByAClient(String spec) {
        Run run = run(true, callingClient(""), maker(request(spec, 0, 0), 1));
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
        assertTrue(run.console().endsWith("ok\n"), run.console());
    }

    @Test
    void theServerWorksInFunctionalModeToo() {
        Run run = run(false, callingClient(""), maker(request("npcwii", 0, 0), 1));
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
        assertTrue(run.console().endsWith("ok\n"), run.console());
    }

    @Test
    void codeInstalledWithoutTheCacheWriteBackAndInvalidateDoesNotRun() throws Exception {
        Run synced = run(true, callingClient(""), maker(request("smciii", 0, 0), 1));
        assertTrue(synced.console().endsWith("ok\n"), synced.console());
        Run stale = run(true, callingClient(""), maker(request("smciii", 0, PM_FLAG_NO_SYNC), 1));
        long at = Long.parseLong(line(stale.console(), 0), 16);
        assertEquals(PM_CODE_KSEG0, at, stale.console());
        NucleusBinding binding = new NucleusBinding(SystemBuilder.nucleusSymbols());
        int[] host = PortalGenerator.generate(PortalSpec.parse("smciii")).install(binding.values(MAKER, NucleusLayout.USER_TEXT_VA, constant(0), FIRST), at);
        assertArrayEquals(host, ramWords(synced.system().machine(), at, host.length));
        assertTrue(!stale.console().contains("ok"), stale.console());
        assertNotEquals(0, stale.result().exitStatus(), stale.console() + stale.result());
    }

    @Test
    void aMalformedSpecGetsTheErrorCodeAndTheServerKeepsServing() {
        List<String> bad = List.of("", "xmi", "n", "sxi", "npcxi", "npww", "smiiiiiiiii");
        StringBuilder reqs = new StringBuilder();
        for (int i = 0; i < bad.size(); i++) reqs.append(request(bad.get(i), 1 + i, 0));
        reqs.append(request("smciii", 0, 0));
        Run run = run(true, callingClient(""), maker(reqs.toString(), bad.size() + 1));
        for (int i = 0; i < bad.size(); i++) assertEquals(String.format("%08x", PM_ERR_SPEC), line(run.console(), i), "spec \"" + bad.get(i) + "\"");
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
        assertTrue(run.console().endsWith("ok\n"), run.console());
    }

    @Test
    void portalNotifyFiresWhenAPortalIsCreatedInTheCallersTable() {
        String register = """
                        li      $a1, PM_OP_NOTIFY
                        la      $t2, notify
                        li      $v0, PORTAL_PM
                        syscall
                        bnez    $v0, 9f
                        move    $s7, $v0
                        b       8f
                        nop
                # notify(domain, index, spec in $a2/$a3/$t0): prints "n", the index's hex digit pair, the spec's first 4 characters
                notify: move    $t9, $a1
                        move    $t8, $a2
                        PUTC    'n'
                        srl     $a0, $t9, 4
                        addiu   $a0, $a0, '0'
                        li      $v0, PORTAL_PUTC
                        syscall
                        andi    $a0, $t9, 15
                        addiu   $a0, $a0, '0'
                        li      $v0, PORTAL_PUTC
                        syscall
                        li      $t7, 4
                3:      srl     $a0, $t8, 24
                        li      $v0, PORTAL_PUTC
                        syscall
                        sll     $t8, $t8, 8
                        addiu   $t7, $t7, -1
                        bnez    $t7, 3b
                        nop
                        PUTC    '\\n'
                        jr      $ra
                        move    $v0, $zero
                9:      EXIT_REG $s7
                8:
                """;
        Run run = run(true, callingClient(register), maker(request("smciii", 0, 0), 1));
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
        // the notification comes from inside the maker's request, before the manager answers it
        assertTrue(run.console().startsWith("n10smci\n"), run.console());
        assertTrue(run.console().endsWith("ok\n"), run.console());
    }
}
