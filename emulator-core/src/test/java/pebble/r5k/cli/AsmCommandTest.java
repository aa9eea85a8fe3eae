package pebble.r5k.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfReader;

/** {@code pebble asm} and {@code pebble run FILE.s} through the CLI entry point. */
class AsmCommandTest {
    @TempDir
    Path dir;
    private String out, err;

    private int cli(String... args) {
        CliRun.Result r = CliRun.pebble(args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    private Path source(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String PROG = "\t.set noreorder\n\t.globl _start\n\t.text\nfoo:\tnop\n_start:\tlui $t0, 0xbfff\n"
            + "\tsw $zero, 0($t0)\n1:\tb 1b\n\tnop\n\t.data\nval:\t.word 0x11223344\n";

    @Test
    void assemblesALinkedElf() throws Exception {
        Path src = source("p.s", PROG);
        Path elf = dir.resolve("p.elf");
        assertEquals(0, cli("asm", src.toString(), "-o", elf.toString()), err);
        ElfFile f = ElfReader.read(elf);
        assertTrue(f.bigEndian());
        assertEquals(0x80100004L, f.entry() & 0xFFFFFFFFL, "entry = _start");
        assertNotNull(f.findSymbol("_start"));
        assertEquals(0x80100000L, f.findSymbol("foo").value() & 0xFFFFFFFFL);
        assertTrue((f.findSymbol("val").value() & 0xFFFFFFFFL) > 0x80100000L);
        assertEquals("", err);
    }

    @Test
    void littleEndianPlacementAndEntryOptions() throws Exception {
        Path src = source("p.s", PROG);
        Path elf = dir.resolve("p.elf");
        assertEquals(0, cli("asm", "-EL", "-Ttext", "0x80200000", "-Tdata", "0x80300000", "-e", "foo", src.toString(), "-o", elf.toString()), err);
        ElfFile f = ElfReader.read(elf);
        assertFalse(f.bigEndian());
        assertEquals(0x80200000L, f.entry() & 0xFFFFFFFFL);
        assertEquals(0x80300000L, f.findSymbol("val").value() & 0xFFFFFFFFL);
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, java.util.Arrays.copyOf(f.segments().get(1).fileBytes(), 4));
    }

    @Test
    void errorsAreOneLineEachWithStatusOne() throws Exception {
        Path src = source("bad.s", "\tnop\n\tfrob $t0\n\taddiu $t0, $t0, 1000000\n");
        Path elf = dir.resolve("bad.elf");
        assertEquals(1, cli("asm", src.toString(), "-o", elf.toString()));
        String[] lines = err.strip().split("\n");
        assertEquals(2, lines.length, err);
        assertEquals(src + ":2:2: unknown instruction 'frob'", lines[0]);
        assertTrue(lines[1].startsWith(src + ":3:18: immediate 1000000 out of range"), lines[1]);
        assertFalse(Files.exists(elf), "no output on errors");
    }

    @Test
    void neverOverwritesAnInput() throws Exception {
        Path src = source("p.s", PROG);
        assertEquals(ExitCodes.HOST_ERROR, cli("asm", src.toString(), "-o", src.toString()));
        assertTrue(err.contains("would overwrite the input file"), err);
        assertEquals(PROG, Files.readString(src));
    }

    @Test
    void listingShowsAddressBytesAndSource() throws Exception {
        Path src = source("p.s", PROG);
        assertEquals(0, cli("asm", "--listing", src.toString(), "-o", dir.resolve("p.elf").toString()), err);
        assertTrue(out.contains("80100004  3c08bfff  " + src + ":5: _start:\tlui $t0, 0xbfff"), out);
        assertTrue(out.contains("11223344"), out);
    }

    @Test
    void badAddressOption() throws Exception {
        Path src = source("p.s", PROG);
        assertEquals(ExitCodes.HOST_ERROR, cli("asm", "-Ttext", "zork", src.toString(), "-o", dir.resolve("x").toString()));
        assertTrue(err.contains("-Ttext: bad address 'zork'"), err);
    }

    @Test
    void runAssemblesSourcesInMemory() throws Exception {
        Path hello = Path.of("..", "src-guest", "tests", "hello", "hello.s");
        assertEquals(0, cli("run", hello.toString()), err);
        assertEquals("hello world\n", out);
        assertEquals(0, cli("run", "-EL", hello.toString()), err);
        assertEquals("hello world\n", out);
    }

    @Test
    void runReportsAssemblyErrors() throws Exception {
        Path src = source("bad.s", "\tfrob\n");
        assertEquals(ExitCodes.HOST_ERROR, cli("run", src.toString()));
        assertTrue(err.contains(src + ":1:2: unknown instruction 'frob'"), err);
    }

    @Test
    void preprocessorOptionsForAsmAndRun() throws Exception {
        Path inc = java.nio.file.Files.createDirectories(dir.resolve("inc"));
        source("inc/exit.h", "#define EXIT_WITH(v) li $t1, v; lui $t0, 0xbfff; sw $t1, 0($t0)\n");
        Path src = source("p.S", "#include <exit.h>\n\t.globl _start\n_start:\n#ifdef FAIL\n\tEXIT_WITH(STATUS)\n#else\n\tEXIT_WITH(0)\n#endif\n1:\tb 1b\n");
        assertEquals(0, cli("asm", "-I", inc.toString(), "-D", "FAIL", "-DSTATUS=3", src.toString(), "-o", dir.resolve("p.elf").toString()), err);
        assertEquals(3, cli("run", dir.resolve("p.elf").toString()), err);
        assertEquals(3, cli("run", "-I", inc.toString(), "-D", "FAIL", "-D", "STATUS=3", src.toString()), err);
        assertEquals(0, cli("run", "-I", inc.toString(), src.toString()), err);
        assertEquals(ExitCodes.HOST_ERROR, cli("run", src.toString()));
        assertTrue(err.contains(src + ":1:1: #include file 'exit.h' not found"), err);
    }
}
