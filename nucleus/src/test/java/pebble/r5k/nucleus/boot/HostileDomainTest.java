package pebble.r5k.nucleus.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A hostile domain (slot 1) next to a well-behaved printer (slot 0, five lines with a yield after each).
 * Each attack must be trapped and reported with the right exception name and EPC (and BadVAddr where the
 * architecture sets it), the hostile domain terminated, and the printer must finish its output. Every case
 * runs timed and functional. Expected values come from the MIPS rules (ref §3.3): the program is linked at
 * 0x00400000 in .set noreorder, so the n-th instruction is at 0x00400000 + 4n.
 */
class HostileDomainTest {
    static final String HEAD = "        .include \"pebble.inc\"\n        .set noreorder\n        .text\n        .globl _start\n_start:\n";
    static final String PRINTER_LINE_0 = "printer 0\n";
    static final String PRINTER_REST = "printer 1\nprinter 2\nprinter 3\nprinter 4\n";

    /** One attack: its code, the exception name, EPC, and BadVAddr (null: not set by this exception). */
    record Attack(String name, String code, String exc, long epc, Long badVAddr) {
        @Override public String toString() { return name; }
    }

    static List<Attack> attacks() {
        return List.of(
                new Attack("portal index out of range", "li $v0, 1000\nsyscall\n", "Sys", 0x00400004, null),
                // far past every table: without the bound check the entry would come from arbitrary memory
                new Attack("huge portal index", "lui $v0, 0x10\nsyscall\n", "Sys", 0x00400004, null),
                new Attack("negative portal index", "li $v0, -1\nsyscall\n", "Sys", 0x00400004, null),
                new Attack("empty portal entry", "li $v0, 40\nsyscall\n", "Sys", 0x00400004, null),
                // BD = 1: EPC is the branch, one instruction before the syscall (ref §3.3)
                new Attack("syscall in a delay slot", "li $v0, PORTAL_NULL\nb 1f\nsyscall\n1: nop\n", "Sys", 0x00400004, null),
                new Attack("jump into the nucleus", "lui $t0, 0x8000\nori $t0, $t0, 0x180\njr $t0\nnop\n", "AdEL", 0x80000180L, 0x80000180L),
                new Attack("load from the nucleus (KSEG0)", "lui $t0, 0x8000\nlw $t1, 0($t0)\n", "AdEL", 0x00400004, 0x80000000L),
                new Attack("store to the nucleus (KSEG0)", "lui $t0, 0x8000\nsw $zero, 0($t0)\n", "AdES", 0x00400004, 0x80000000L),
                new Attack("load the printer's frame through KSEG1", "lui $t0, 0xa040\nlw $t1, 0($t0)\n", "AdEL", 0x00400004, 0xA0400000L),
                new Attack("load another domain's address", "lui $t0, 0x0041\nlw $t1, 0($t0)\n", "TLBL", 0x00400004, 0x00410000L),
                new Attack("store to another domain's address", "lui $t0, 0x0041\nsw $zero, 16($t0)\n", "TLBS", 0x00400004, 0x00410010L),
                new Attack("execute outside the program", "lui $t0, 0x0050\njr $t0\nnop\n", "TLBL", 0x00500000, 0x00500000L),
                new Attack("store to its own text", "lui $t0, 0x0040\nsw $zero, 0($t0)\n", "Mod", 0x00400004, 0x00400000L),
                new Attack("store to the user vector page", "lui $t0, 0x7fff\nori $t0, $t0, 0xe000\nsw $zero, 0($t0)\n", "Mod", 0x00400008, 0x7FFFE000L),
                new Attack("mtc0", "mtc0 $zero, $12\n", "CpU", 0x00400000, null),
                new Attack("tlbwi", "tlbwi\n", "CpU", 0x00400000, null),
                new Attack("eret", "eret\n", "CpU", 0x00400000, null),
                new Attack("cache", "cache 0x17, 0($zero)\n", "CpU", 0x00400000, null),
                new Attack("FPU without CU1", "mtc1 $zero, $f0\n", "CpU", 0x00400000, null),
                new Attack("misaligned load", "lw $t0, -3($sp)\n", "AdEL", 0x00400000, 0x7FFFDFFDL),
                new Attack("misaligned store", "sw $t0, -2($sp)\n", "AdES", 0x00400000, 0x7FFFDFFEL),
                // the test maps a bus hole at 0x10000000 into the hostile domain (mapPhysical below)
                new Attack("bus error", "lui $t0, 0x1000\nlw $t1, 0($t0)\n", "DBE", 0x00400004, null));
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Attack k : attacks()) {
            a.add(Arguments.of(k, true));
            a.add(Arguments.of(k, false));
        }
        return a.stream();
    }

    /** A physical address with no device behind it on the P-5064 (ref §4.1): reads are bus errors. */
    static final long BUS_HOLE = 0x10000000L;

    @ParameterizedTest(name = "{0}, timed={1}")
    @MethodSource("cases")
    void attackIsTrappedReportedAndThePrinterFinishes(Attack attack, boolean timed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemBuilder b = new SystemBuilder().timing(timed).console(out)
                .programSource("printer.s", GuestSources.load("printer.s"))
                .programSource("hostile.s", HEAD + attack.code() + "EXIT 0\n")
                .mapPhysical(1, BUS_HOLE, BUS_HOLE, false, false);
        GuestRun r = GuestRun.run(b, out);
        String prefix = String.format("pebble: domain 1 (hostile) fault %s at EPC 0x%08x, BadVAddr 0x", attack.exc(), attack.epc());
        String console = r.console();
        assertTrue(console.startsWith(PRINTER_LINE_0 + prefix), console);
        String badVAddr = console.substring((PRINTER_LINE_0 + prefix).length(), (PRINTER_LINE_0 + prefix).length() + 8);
        if (attack.badVAddr() != null) assertEquals(String.format("%08x", attack.badVAddr()), badVAddr, console);
        assertTrue(badVAddr.matches("[0-9a-f]{8}"), console);
        assertEquals(PRINTER_LINE_0 + prefix + badVAddr + "\n" + PRINTER_REST, console);
        assertTrue(r.result().halted(), r.result().detail());
        assertEquals(1, r.status(), "a faulted domain makes the run fail");
    }

    @Test
    void anInfiniteLoopIsPreemptedAndThePrinterFinishes() {
        for (boolean timed : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SystemBuilder b = new SystemBuilder().timing(timed).console(out)
                    .programSource("printer.s", GuestSources.load("printer.s"))
                    .programSource("hostile.s", HEAD + "1: b 1b\nnop\n");
            BootedSystem s = b.build();
            var result = s.run(5_000_000L);
            assertEquals(GuestRun.banner(2) + PRINTER_LINE_0 + PRINTER_REST, out.toString(), "timed=" + timed);
            assertFalse(result.halted(), "the spinning domain is still running: the run hits the cycle limit");
        }
    }
}
