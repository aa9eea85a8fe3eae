package pebble.r5k.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import pebble.r5k.disasm.Disassembler;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;

/**
 * Our assembler against GNU as ({@code mips-linux-gnu-as -march=r5000 -mabi=32}, linked by
 * {@code mips-linux-gnu-ld} at the same addresses): the .text and .data bytes must be equal, in both byte
 * orders, for every example program in src-guest/tests, the pseudo-instruction and reorder sources under
 * test resources, and a generated source with every table row. Skipped (visibly) without binutils.
 */
@Tag("differential")
class AsmDifferentialTest {
    static final String AS = "/usr/bin/mips-linux-gnu-as", LD = "/usr/bin/mips-linux-gnu-ld",
            OBJCOPY = "/usr/bin/mips-linux-gnu-objcopy", OBJDUMP = "/usr/bin/mips-linux-gnu-objdump";
    static final long DATA = 0x80200000L;
    static Path dir;

    static boolean toolsPresent() {
        for (String t : new String[] {AS, LD, OBJCOPY, OBJDUMP}) if (!new File(t).canExecute()) return false;
        return true;
    }

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("asmdiff");
    }

    @AfterAll
    static void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timeout: " + cmd);
        }
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /** .text and .data of GNU's assembly of {@code src}, linked at our default addresses. */
    static byte[][] gnu(Path src, boolean be, String tag) throws Exception {
        String e = be ? "-EB" : "-EL";
        Path obj = dir.resolve(tag + ".o"), elf = dir.resolve(tag + ".elf");
        run(List.of(AS, "-march=r5000", "-mabi=32", e, "-I", src.toAbsolutePath().getParent().toString(),
                src.toAbsolutePath().toString(), "-o", obj.toString()));
        run(List.of(LD, e, "-Ttext", "0x80100000", "-Tdata", "0x80200000", "-e", "0x80100000", obj.toString(), "-o", elf.toString()));
        return new byte[][] {section(elf, ".text", tag), section(elf, ".data", tag)};
    }

    static byte[] section(Path elf, String name, String tag) throws Exception {
        Path bin = dir.resolve(tag + name + ".bin");
        run(List.of(OBJCOPY, "-O", "binary", "-j", name, elf.toString(), bin.toString()));
        return Files.exists(bin) ? Files.readAllBytes(bin) : new byte[0];
    }

    static byte[] ours(AssembledProgram p, String name) {
        AssembledProgram.OutSection s = p.section(name);
        return s == null ? new byte[0] : s.data();
    }

    static void compare(Path src, String tag) throws Exception {
        for (boolean be : new boolean[] {true, false}) {
            byte[][] g = gnu(src, be, tag + (be ? "-eb" : "-el"));
            AssembledProgram p = Assembler.assemble(List.of(src), AsmOptions.defaults().withBigEndian(be).withData(DATA));
            assertEquals(hex(g[0]), hex(ours(p, ".text")), src + " .text " + (be ? "BE" : "LE"));
            assertArrayEquals(g[1], ours(p, ".data"), src + " .data " + (be ? "BE" : "LE"));
        }
    }

    /** One word per line so a failure shows which instruction differs. */
    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 4 <= b.length; i += 4) {
            sb.append(String.format("%04x: ", i)).append(HexFormat.of().formatHex(b, i, i + 4)).append('\n');
        }
        return sb.toString();
    }

    /** Pseudo-instruction sources, compared as written (noreorder) and once more in reorder mode. */
    static final String[] PSEUDO = {"pseudo-noreorder.s", "pseudo-noreorder2.s", "pseudo-ld.s", "pseudo-likely.s", "pseudo-set.s",
        "pseudo-dword.s", "pseudo-fp.s", "pseudo-misc.s", "pseudo-far.s", "pseudo-gp.s", "pseudo-lit.s", "pseudo-lcomm.s", "pseudo-cond.s"};

    static Stream<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(GuestProgramsTest.TESTS)) {
            s.filter(p -> p.toString().endsWith(".s")).sorted().forEach(out::add);
        }
        for (String r : new String[] {"reorder-macros.s", "reorder-slots.s",
                "reorder-labels.s", "reorder-hazards.s", "reorder-switch.s", "reorder-hazard-labels.s", "reorder-macros2.s", "data-fill.s"}) {
            out.add(resource(r));
        }
        // the pseudo-instruction sources once more in reorder mode
        for (String r : PSEUDO) out.add(resource(r));
        for (String r : PSEUDO) {
            Path p = resource(r);
            Path q = p.resolveSibling(r.replace(".s", "") + "-as-reorder.s");
            Files.writeString(q, Files.readString(p, StandardCharsets.ISO_8859_1).replace(".set noreorder", ""), StandardCharsets.ISO_8859_1);
            q.toFile().deleteOnExit();
            out.add(q);
        }
        return out.stream();
    }

    static Path resource(String name) throws IOException {
        Path dir = Files.createTempDirectory("asmres");
        // deleteOnExit runs in reverse order: the directory is registered first so that it is deleted last,
        // once the files in it (this one, and a sibling the caller may add) are gone.
        dir.toFile().deleteOnExit();
        Path p = dir.resolve(name);
        try (InputStream in = AsmDifferentialTest.class.getResourceAsStream("/asm/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        p.toFile().deleteOnExit();
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void sameBytesAsGnuAs(Path src) throws Exception {
        assumeTrue(toolsPresent(), "GNU binutils for mips-linux-gnu not installed");
        compare(src, src.getFileName().toString());
    }

    /** Every REAL and ALIAS row, spelled as objdump prints it, in noreorder and in reorder code. */
    @Test
    void everyTableRowAssemblesLikeGnuAs() throws Exception {
        assumeTrue(toolsPresent(), "GNU binutils for mips-linux-gnu not installed");
        for (String mode : new String[] {"noreorder", "reorder"}) {
            StringBuilder src = new StringBuilder("\t.set " + mode + "\n\t.set noat\n\t.text\nstart:\n");
            int n = 0;
            for (Op op : Op.all()) {
                if (op.kind == OpKind.MACRO || AsmRoundTripTest.skipped(op) || GNU_REJECTS.contains(op)) continue;
                for (int variant = 0; variant < 2; variant++) {
                    int word = AsmRoundTripTest.sampleWord(op, variant);
                    if (Decoder.decode(word) == Op.RESERVED) continue;
                    String text = AsmTestSupport.toSource(Disassembler.PLAIN.disassemble(word, 0x80100000L));
                    if (text.startsWith(".word")) continue;
                    // branch and jump targets: a label, so the source does not depend on where it lands
                    if (op.hasDelaySlot()) text = text.replaceFirst("0x[0-9a-f]+$", "start");
                    src.append('\t').append(text).append('\n');
                    n++;
                }
            }
            assertTrue(n > 400, "rows: " + n);
            Path p = dir.resolve("table-" + mode + ".s");
            Files.writeString(p, src.toString(), StandardCharsets.ISO_8859_1);
            compare(p, "table-" + mode);
        }
    }

    static final String GCC = "/usr/bin/mips-linux-gnu-gcc";

    /**
     * {@code .S} sources against {@code gcc -c} (its preprocessor, then GNU as). gcc runs as with {@code -O1},
     * which never fills delay slots; {@code -Wa,-O2} gives plain {@code as}'s reordering, which we follow.
     */
    @Test
    void preprocessedSourcesAssembleLikeGcc() throws Exception {
        assumeTrue(toolsPresent() && new File(GCC).canExecute(), "mips-linux-gnu-gcc not installed");
        Path cppDir = Files.createDirectories(dir.resolve("cpp/inc"));
        for (String r : new String[] {"cpp/features.S", "cpp/local.inc", "cpp/inc/regs.h"}) {
            try (InputStream in = AsmDifferentialTest.class.getResourceAsStream("/asm/" + r)) {
                Files.write(dir.resolve(r), in.readAllBytes());
            }
        }
        Path features = dir.resolve("cpp/features.S");
        compareCpp(features, "cpp-features", List.of("-I", cppDir.toString(), "-DFOO=9"),
                AsmOptions.defaults().withIncludeDir(cppDir).withDefine("FOO=9"));
        compareCpp(features, "cpp-features-nofoo", List.of("-I", cppDir.toString()), AsmOptions.defaults().withIncludeDir(cppDir));
        compareCpp(GuestProgramsTest.TESTS.resolve("cpp/cpp.S"), "cpp-example", List.of(), AsmOptions.defaults());
    }

    static void compareCpp(Path src, String tag, List<String> flags, AsmOptions opts) throws Exception {
        for (boolean be : new boolean[] {true, false}) {
            String e = be ? "-EB" : "-EL", t = tag + e;
            Path obj = dir.resolve(t + ".o"), elf = dir.resolve(t + ".elf");
            List<String> cmd = new ArrayList<>(List.of(GCC, "-c", "-march=r5000", "-mabi=32", "-mno-abicalls", "-fno-pic", "-Wa,-O2", e));
            cmd.addAll(flags);
            cmd.addAll(List.of(src.toAbsolutePath().toString(), "-o", obj.toString()));
            run(cmd);
            run(List.of(LD, e, "-Ttext", "0x80100000", "-Tdata", "0x80200000", "-e", "0x80100000", obj.toString(), "-o", elf.toString()));
            AssembledProgram p = Assembler.assemble(List.of(src), opts.withBigEndian(be).withData(DATA));
            assertEquals(hex(section(elf, ".text", t)), hex(ours(p, ".text")), src + " .text " + e);
            assertArrayEquals(section(elf, ".data", t), ours(p, ".data"), src + " .data " + e);
        }
    }

    /** Rows GNU as does not accept for -march=r5000 (so there is nothing to compare). */
    static final java.util.Set<Op> GNU_REJECTS = java.util.EnumSet.noneOf(Op.class);

    @Test
    void objdumpReadsOurElf() throws Exception {
        assumeTrue(toolsPresent(), "GNU binutils for mips-linux-gnu not installed");
        for (boolean be : new boolean[] {true, false}) {
            Path src = GuestProgramsTest.TESTS.resolve("strings/strings.s");
            AssembledProgram p = Assembler.assemble(List.of(src), AsmOptions.defaults().withBigEndian(be));
            Path elf = dir.resolve("ours-" + be + ".elf");
            Files.write(elf, Assembler.toElf(p));
            Process proc = new ProcessBuilder(OBJDUMP, "-d", "-t", elf.toString()).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, proc.waitFor(), err);
            assertEquals("", err);
            assertTrue(out.contains("<_start>:"), out);
            assertTrue(out.contains("<puts>:"), out);
            assertTrue(out.contains(be ? "elf32-tradbigmips" : "elf32-tradlittlemips"), out);
        }
    }
}
