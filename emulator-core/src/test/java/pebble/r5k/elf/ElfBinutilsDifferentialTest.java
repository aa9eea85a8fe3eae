package pebble.r5k.elf;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GNU binutils must accept what ElfWriter writes (objdump disassembles it, readelf -a prints no warning),
 * and ElfReader must see the same symbols as readelf in the gcc fixtures. Skips when binutils are absent.
 */
@Tag("differential")
class ElfBinutilsDifferentialTest {
    private static final String OBJDUMP = "mips-linux-gnu-objdump";
    private static final String READELF = "mips-linux-gnu-readelf";

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        }
        p.getOutputStream().close();
        // The outputs are small; read stderr fully after stdout.
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timeout: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out, err);
    }

    private static void assumeTool(String tool) throws Exception {
        Assumptions.assumeTrue(run(tool, "--version").exit() == 0, tool + " not installed");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void objdumpDisassemblesWrittenImage(boolean bigEndian) throws Exception {
        assumeTool(OBJDUMP);
        Path elf = dir.resolve(bigEndian ? "w-be.elf" : "w-le.elf");
        Files.write(elf, SampleImage.write(bigEndian));
        Result r = run(OBJDUMP, "-d", elf.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        String out = r.out();
        assertTrue(out.contains("file format elf32-trad" + (bigEndian ? "big" : "little") + "mips"), out);
        assertTrue(out.contains("80010000 <add>:"), out);
        assertTrue(out.contains("80010000:\t00851021 \taddu\tv0,a0,a1"), out);
        assertTrue(out.contains("80010004 <1$done>:"), out);
        assertTrue(out.contains("80010004:\t03e00008 \tjr\tra"), out);
        assertTrue(out.contains("80010008 <weakling>:"), out);
        assertTrue(out.contains("80010008:\t00000000 \tnop"), out);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readelfAcceptsWrittenImageWithoutWarnings(boolean bigEndian) throws Exception {
        assumeTool(READELF);
        Path elf = dir.resolve("w.elf");
        Files.write(elf, SampleImage.write(bigEndian));
        Result r = run(READELF, "-a", "-W", elf.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertFalse(r.out().toLowerCase().contains("warning"), r.out());
        assertTrue(r.out().contains("Flags:                             0x30001100, 32bitmode, o32, mips4"), r.out());
        assertTrue(r.out().contains("LOAD           0x002010 0x80011010 0x80011010 0x00000 0x00040 RW  0x1000"),
                r.out());
        assertTrue(r.out().matches("(?s).*Symbol table '\\.symtab' contains 7 entries.*"), r.out());
        assertTrue(r.out().contains("3: bc000000     0 NOTYPE  LOCAL  DEFAULT  ABS UART_BASE"), r.out());
        assertTrue(r.out().contains("6: 80010008     0 NOTYPE  WEAK   DEFAULT    1 weakling"), r.out());
        assertEquals(readelfSymbols(elf), ourSymbols(ElfReader.read(SampleImage.write(bigEndian), "w.elf")));
    }

    @Test
    void readerSeesTheSameSymbolsAsReadelf() throws Exception {
        assumeTool(READELF);
        for (String name : Fixtures.ALL) {
            Path elf = dir.resolve(name);
            Files.write(elf, Fixtures.bytes(name));
            ElfFile f = ElfReader.inspect(Fixtures.bytes(name), name);
            assertEquals(readelfSymbols(elf), ourSymbols(f), name);
        }
    }

    /** "value size type bind name" per symbol, from readelf -sW (null symbol dropped). */
    private static List<String> readelfSymbols(Path elf) throws Exception {
        Result r = run(READELF, "-s", "-W", elf.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String[] c = line.trim().split("\\s+");
            if (c.length < 7 || !c[0].matches("\\d+:") || c[0].equals("0:")) continue;
            String name = c.length > 7 ? c[7] : "";
            long value = Long.parseUnsignedLong(c[1], 16);
            out.add(Long.toHexString(value) + " " + c[2] + " " + c[3] + " " + c[4] + " " + name);
        }
        return out;
    }

    private static List<String> ourSymbols(ElfFile f) {
        String[] types = {"NOTYPE", "OBJECT", "FUNC", "SECTION", "FILE"};
        String[] binds = {"LOCAL", "GLOBAL", "WEAK"};
        List<String> out = new ArrayList<>();
        for (ElfSymbol s : f.symbols()) {
            long v = f.is64() ? s.value() : s.value() & 0xffffffffL; // readelf prints ELF32 values in 32 bits
            // readelf shows an unnamed section symbol under its section's name; the reader keeps st_name
            String name = s.type() == ElfConstants.STT_SECTION && s.name().isEmpty() ? s.section() : s.name();
            out.add(Long.toHexString(v) + " " + s.size() + " " + types[s.type()] + " " + binds[s.bind()] + " "
                    + name);
        }
        return out;
    }
}
