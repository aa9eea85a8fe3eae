package pebble.r5k.differential;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.cli.CliRun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Exception entry, CP0 and the TLB against GXemul (a system emulator, so unlike QEMU user mode it runs
 * kernel code). One source ({@code resources/gxemul/exceptions.S}) is assembled by our assembler for the
 * P-5064 and, with {@code -D GXEMUL}, for GXemul's testmips machine with an R5000. It prints one line per
 * case (Cause, EPC, BadVAddr, Status, EntryHi, Context and a result) for:
 * <ul>
 *   <li>SYSCALL, BREAK, traps, ADD/ADDI overflow;</li>
 *   <li>misaligned LW/SH/LD, TLB refill on load and store (refill vector, EntryHi, Context);</li>
 *   <li>TLB invalid, TLB modified, a load through a valid entry, TLBP hit and miss, TLBR;</li>
 *   <li>a reserved instruction, Coprocessor Unusable with CE, an exception in a delay slot (BD), and SC failing
 *       after ERET.</li>
 * </ul>
 * The two outputs must be identical. Two more cases GXemul gets wrong (it fetches from a misaligned jump
 * target, and lets user mode load from kseg0) are only in our build and are checked against the
 * architecture here. Skips, visibly, without {@code gxemul} and {@code script}.
 */
class ExceptionDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void exceptionsAndTlbAgreeWithGxemul() throws Exception {
        Path src = CliRun.resourceFile(dir, "gxemul", "exceptions.S");
        Path ours = dir.resolve("p5064.elf"), theirs = dir.resolve("testmips.elf");
        assertEquals(0, CliRun.pebble("asm", src.toString(), "-o", ours.toString()).exit());
        CliRun.Result run = CliRun.pebble("run", ours.toString());
        assertEquals(0, run.exit(), "our run; stderr: " + run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(23, lines.size(), run.out());

        // The cases GXemul does not model: checked against the architecture.
        String[] c21 = lines.get(21).split(" "), c23 = lines.get(22).split(" ");
        assertEquals("21", c21[0]);
        assertEquals(List.of("1", "00000010"), List.of(c21[1], c21[2]), "misaligned jump target: AdEL on the fetch");
        assertEquals(c21[3], c21[4], "EPC = BadVAddr = the misaligned target");
        assertTrue(c21[3].endsWith("2") || c21[3].endsWith("6") || c21[3].endsWith("a") || c21[3].endsWith("e"), c21[3]);
        assertEquals("23 1 00000010 00401000 80000000 00000012 00000000 00000000 00000000", lines.get(22),
                "user-mode load from kseg0: AdEL, EPC = the user instruction, BadVAddr = the kseg0 address, KSU = user");

        Assumptions.assumeTrue(Tools.allPresent("gxemul", "script"), "gxemul or script(1) not installed: GXemul comparison skipped");
        assertEquals(0, CliRun.pebble("asm", "-D", "GXEMUL", src.toString(), "-o", theirs.toString()).exit());
        // GXemul wants a terminal for its console: script(1) provides one.
        Tools.Result g = Tools.run(dir, List.of("script", "-qec", "gxemul -q -E testmips -C R5000 " + theirs, "/dev/null"), 60);
        String gx = new String(g.stdout(), StandardCharsets.ISO_8859_1).replace("\r", "");
        String expected = String.join("\n", lines.subList(0, 21)) + "\n";
        assertEquals(expected, gx, "GXemul disagrees (ours first); its stderr: " + g.stderr());
    }
}
