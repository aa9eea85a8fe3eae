package pebble.r5k.disasm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.disasm.ListingSource.CodeSection;
import pebble.r5k.disasm.ListingSource.Kind;
import pebble.r5k.disasm.ListingSource.ListingSymbol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole {@code objdump -d} listings of small ELF files built with GNU as/ld, compared byte for byte with
 * ours. The image is described to {@link Listing} from readelf/objcopy output, so this test does not depend on
 * our ELF reader.
 */
@Tag("differential")
class ListingDifferentialTest {
    @TempDir Path dir;

    static final String PROGRAM = String.join("\n",
            ".set noreorder", ".set noat", ".text",
            ".globl start", ".type start,@function", "start:",
            "  lui $4,%hi(data)", "  addiu $4,$4,%lo(data)", "  nop", "  nop", "  nop",
            "loop: lw $2,0($4)", "  beq $2,$0,done", "  addiu $4,$4,4", "  b loop", "  nop",
            "  nop", "  nop", "  nop",
            ".globl done", ".type done,@function", "done:",
            "  jal helper", "  nop", "  jr $31", "  move $2,$0",
            "helper: mfc0 $8,$12", "  c.lt.d $f0,$f2", "  bc1t helper", "  nop", "  .word 0, 0, 0, 0x70000000",
            "  teq $4,$5,7", "  cache 0x15,0($4)", "  .word 0,0", "",
            ".data", "data: .word 1,2,3", "");

    static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    static boolean toolsPresent() {
        try {
            for (String t : new String[] {"mips-linux-gnu-as", "mips-linux-gnu-ld", "mips-linux-gnu-objdump", "mips-linux-gnu-readelf", "mips-linux-gnu-objcopy"}) {
                Process p = new ProcessBuilder(t, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) return false;
            }
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Describes {@code elf} through readelf and objcopy. */
    ListingSource describe(String elf, boolean bigEndian) throws Exception {
        String sectionsText = run(dir, "mips-linux-gnu-readelf", "-SW", elf);
        Map<Integer, String> names = new HashMap<>();
        List<CodeSection> code = new ArrayList<>();
        for (String line : sectionsText.split("\n")) {
            // "  [ 1] .text             PROGBITS        00000000 000040 000060 00  AX  0   0 16"
            String t = line.replace("[ ", "[").trim();
            if (!t.startsWith("[") || t.startsWith("[Nr]")) continue;
            String[] f = t.split("\\s+");
            int idx = Integer.parseInt(f[0].substring(1, f[0].length() - 1));
            if (f.length < 7) continue;
            names.put(idx, f[1]);
            if (f[2].equals("PROGBITS") && f[7].contains("X")) {
                Path bin = dir.resolve("sec" + idx + ".bin");
                run(dir, "mips-linux-gnu-objcopy", "-O", "binary", "--only-section=" + f[1], elf, bin.toString());
                code.add(new CodeSection(f[1], Long.parseLong(f[3], 16), Files.readAllBytes(bin), bigEndian));
            }
        }
        List<ListingSymbol> syms = new ArrayList<>();
        for (String line : run(dir, "mips-linux-gnu-readelf", "-sW", elf).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[0].endsWith(":") || f[0].equals("Num:")) continue;
            String type = f[3], bind = f[4], ndx = f[6];
            if (type.equals("SECTION") || type.equals("FILE") || ndx.equals("UND")) continue;
            String section = ndx.equals("ABS") ? "*ABS*" : names.getOrDefault(Integer.parseInt(ndx), "?");
            Kind kind = type.equals("FUNC") ? Kind.FUNCTION : type.equals("OBJECT") ? Kind.OBJECT : Kind.OTHER;
            syms.add(new ListingSymbol(f[7], Long.parseLong(f[1], 16), section, kind, !bind.equals("LOCAL")));
        }
        boolean rel = elf.endsWith(".o");
        return new ListingSource() {
            public String fileName() { return elf; }
            public String formatName() { return bigEndian ? "elf32-tradbigmips" : "elf32-tradlittlemips"; }
            public int addressBits() { return 32; }
            public boolean relocatable() { return rel; }
            public List<CodeSection> codeSections() { return code; }
            public List<ListingSymbol> symbols() { return syms; }
        };
    }

    void check(String elf, boolean bigEndian) throws Exception {
        String theirs = run(dir, "mips-linux-gnu-objdump", "-d", elf);
        String ours = Listing.print(describe(elf, bigEndian));
        assertEquals(theirs, ours);
    }

    void build(String endianFlag, String... ldArgs) throws Exception {
        Files.writeString(dir.resolve("p.s"), PROGRAM);
        run(dir, "mips-linux-gnu-as", "-march=mips4", "-mabi=32", endianFlag, "p.s", "-o", "p.o");
        List<String> ld = new ArrayList<>(List.of("mips-linux-gnu-ld", endianFlag, "-e", "start", "-o", "p.elf", "p.o"));
        ld.addAll(List.of(ldArgs));
        run(dir, ld.toArray(new String[0]));
    }

    @Test
    void relocatableObject() throws Exception {
        Assumptions.assumeTrue(toolsPresent(), "GNU binutils for mips-linux-gnu not installed: skipped");
        build("-EB");
        check("p.o", true);
    }

    @Test
    void linkedInKseg0() throws Exception {
        Assumptions.assumeTrue(toolsPresent(), "GNU binutils for mips-linux-gnu not installed: skipped");
        build("-EB", "-Ttext=0x80001000");
        check("p.elf", true);
    }

    @Test
    void linkedLowLittleEndian() throws Exception {
        Assumptions.assumeTrue(toolsPresent(), "GNU binutils for mips-linux-gnu not installed: skipped");
        build("-EL", "-Ttext=0x10000");
        check("p.elf", false);
    }
}
