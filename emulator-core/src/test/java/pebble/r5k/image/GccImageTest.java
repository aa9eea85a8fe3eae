package pebble.r5k.image;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.cli.CliRun;
import pebble.r5k.differential.Tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Images as a user builds them: {@code mips-linux-gnu-gcc} with plain {@code -Wl,-Ttext=} in KSEG0 (CKSEG0
 * for n64), gcc's default {@code -march} (mips32r2/mips64r2), o32, n32 and n64, both byte orders, run with
 * {@code pebble run}. GNU ld puts a headers-only segment at each ABI's default base (0x400000, 0x10000000,
 * 0x120000000); the image must still start with the documented empty TLB (docs/reset-state.md). Skips,
 * visibly, without the cross gcc.
 */
@Tag("differential")
class GccImageTest {
    @TempDir
    Path dir;

    private static final String[][] BUILDS = {   // abi flag, KSEG0 text address as that ELF class writes it
        {"-mabi=32", "0x80100000"}, {"-mabi=n32", "0x80100000"}, {"-mabi=64", "0xffffffff80100000"},
    };

    private Path gcc(Path src, String out, String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mips-linux-gnu-gcc", "-O2", "-ffreestanding", "-nostdlib", "-static"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of(src.toString(), "-o", out));
        Tools.check(dir, cmd, 120);
        return dir.resolve(out);
    }

    private static void assumeGcc() {
        Assumptions.assumeTrue(Tools.present("mips-linux-gnu-gcc"), "mips-linux-gnu-gcc not installed: gcc-built images skipped");
    }

    /** emptytlb.c (see its header): Wired 0, no kuseg entry, data and BSS right, then a refill on kuseg 0x400000. */
    @Test
    void gccImagesLinkedInKseg0SeeAnEmptyTlb() throws Exception {
        assumeGcc();
        Path src = CliRun.resourceFile(dir, "elf/loader", "emptytlb.c");
        for (String[] b : BUILDS) {
            for (String order : new String[] {"-EB", "-EL"}) {
                String name = "emptytlb" + b[0].substring(6) + order + ".elf";
                gcc(src, name, b[0], order, "-Wl,-Ttext=" + b[1]);
                CliRun.Result r = CliRun.pebble("run", dir.resolve(name).toString());
                assertEquals(pebble.r5k.cli.ExitCodes.GUEST_FAULT, r.exit(), name + " (1 = Wired, 2..16 = a kuseg TLB entry, 32/64 = data/BSS): " + r.err());
                assertTrue(r.err().contains("TLBL") && r.err().contains("BadVAddr 0x400000"), name + ": " + r.err());
                assertTrue(r.err().contains("warning: built for MIPS"), "one line names the ISA flags: " + r.err());
            }
        }
    }

    /**
     * The exception probe (resources/gxemul/exceptions.S, held to GXemul by ExceptionDifferentialTest) built by
     * gcc instead of our assembler, as kernel code ({@code -mno-abicalls}; {@code -msym32} so that n64 symbols
     * are 32-bit like the source's {@code la}): every line it prints must be the one our build prints.
     */
    @Test
    void theExceptionProbeBuiltByGccRunsInKseg0AsOurBuildDoes() throws Exception {
        assumeGcc();
        Path src = CliRun.resourceFile(dir, "gxemul", "exceptions.S");
        Path ours = dir.resolve("ours.elf");
        assertEquals(0, CliRun.pebble("asm", src.toString(), "-o", ours.toString()).exit());
        CliRun.Result expected = CliRun.pebble("run", ours.toString());
        assertEquals(0, expected.exit(), expected.err());
        for (String[] b : BUILDS) {
            for (String order : new String[] {"-EB", "-EL"}) {
                String name = "exceptions" + b[0].substring(6) + order + ".elf";
                List<String> flags = new ArrayList<>(List.of(b[0], order, "-mno-abicalls", "-fno-pic", "-Wl,-Ttext=" + b[1]));
                if (b[0].equals("-mabi=64")) flags.add("-msym32");
                gcc(src, name, flags.toArray(new String[0]));
                CliRun.Result r = CliRun.pebble("run", dir.resolve(name).toString());
                assertEquals(0, r.exit(), name + ": " + r.err());
                assertEquals(expected.out(), r.out(), name);
            }
        }
    }

    /**
     * The same gcc builds held to GXemul (testmips, R5000), which runs these images too: the probe built with
     * {@code -D GXEMUL} prints on GXemul the first 21 lines our build prints on Pebble (the two remaining cases
     * GXemul gets wrong are checked in ExceptionDifferentialTest). Big-endian, o32, n32 and n64.
     */
    @Test
    void theGccBuiltProbeAgreesWithGxemul() throws Exception {
        assumeGcc();
        Assumptions.assumeTrue(Tools.allPresent("gxemul", "script"), "gxemul or script(1) not installed: GXemul comparison skipped");
        Path src = CliRun.resourceFile(dir, "gxemul", "exceptions.S");
        for (String[] b : BUILDS) {
            List<String> flags = new ArrayList<>(List.of(b[0], "-mno-abicalls", "-fno-pic", "-Wl,-Ttext=" + b[1]));
            if (b[0].equals("-mabi=64")) flags.add("-msym32");
            String ours = "p5064" + b[0].substring(6) + ".elf", theirs = "testmips" + b[0].substring(6) + ".elf";
            gcc(src, ours, flags.toArray(new String[0]));
            flags.add("-DGXEMUL");
            gcc(src, theirs, flags.toArray(new String[0]));
            CliRun.Result r = CliRun.pebble("run", dir.resolve(ours).toString());
            assertEquals(0, r.exit(), ours + ": " + r.err());
            List<String> lines = r.out().lines().toList();
            // GXemul wants a terminal for its console: script(1) provides one.
            Tools.Result g = Tools.run(dir, List.of("script", "-qec", "gxemul -q -E testmips -C R5000 " + theirs, "/dev/null"), 60);
            String gx = new String(g.stdout(), java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r", "");
            assertEquals(String.join("\n", lines.subList(0, 21)) + "\n", gx, b[0] + ": GXemul disagrees (ours first)");
        }
    }
}
