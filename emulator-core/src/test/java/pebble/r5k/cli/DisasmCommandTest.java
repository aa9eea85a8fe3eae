package pebble.r5k.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DisasmCommandTest {
    @TempDir
    Path dir;
    private String out, err;

    private int run(String... args) {
        CliRun.Result r = CliRun.pebble(args);
        out = r.out();
        err = r.err();
        return r.exit();
    }


    @Test
    void hexWordsWithPc() {
        assertEquals(0, run("disasm", "3c1abfff", "0x27bdffe8", "10000003", "--pc", "0x80001000"), err);
        assertEquals("80001000:\t3c1abfff \tlui\tk0,0xbfff\n"
                + "80001004:\t27bdffe8 \taddiu\tsp,sp,-24\n"
                + "80001008:\t10000003 \tb\t0x80001018\n", out.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void badInputIsOneLine() {
        assertEquals(ExitCodes.HOST_ERROR, run("disasm", "nosuchfile"));
        assertEquals("pebble: nosuchfile: no such file, and not a hex instruction word", err.strip());
        assertEquals(ExitCodes.HOST_ERROR, run("disasm", "12", "0x123456789"));
        assertTrue(err.contains("at most 8 hex digits"), err);
    }

    /** A golden objdump -d listing (binutils 2.40) of a gcc-built little-endian PIE, so this runs without binutils. */
    @Test
    void matchesCheckedInObjdumpListing() throws Exception {
        Path elf = CliRun.resourceFile(dir, "run", "pie-hello-le.elf");
        String expected;
        try (var in = getClass().getResourceAsStream("/disasm/pie-hello-le.objdump")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(0, run("disasm", elf.toString()), err);
        assertEquals(expected, out.replace(elf.toString(), "pie-hello-le.elf"));
    }

    /**
     * n32 and n64 images print the new ABIs' register names ($8..$11 = a4..a7, $12..$15 = t0..t3), as objdump
     * does: golden {@code objdump -d} listings (binutils 2.40) of two gcc-built C fixtures, no tool needed.
     */
    @Test
    void newAbiImagesUseTheirAbisRegisterNames() throws Exception {
        for (String f : new String[] {"funcptr-n32-be", "funcptr-n64-le"}) {
            Path elf = CliRun.resourceFile(dir, "c", f + ".elf");
            String expected;
            try (var in = getClass().getResourceAsStream("/disasm/" + f + ".objdump")) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(0, run("disasm", elf.toString()), err);
            assertEquals(expected, out.replace(elf.toString(), f + ".elf"), f);
            assertTrue(out.contains("a4") && out.contains("t0"), "the fixture uses both register ranges");
        }
    }

    /** The same against the installed objdump on every n32 and n64 C fixture. */
    @Test
    @Tag("differential")
    void newAbiImagesMatchObjdump() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/mips-linux-gnu-objdump").canExecute(),
                "mips-linux-gnu-objdump not installed: skipped");
        int n = 0;
        for (String prog : new String[] {"strings", "funcptr", "longlong", "recursion"}) {
            for (String variant : new String[] {"n32-be", "n32-le", "n64-be", "n64-le"}) {
                Path f = CliRun.resourceFile(dir, "c", prog + "-" + variant + ".elf");
                Process p = new ProcessBuilder("mips-linux-gnu-objdump", "-d", f.toString()).redirectErrorStream(true).start();
                String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor());
                assertEquals(0, run("disasm", f.toString()), err);
                assertEquals(theirs, out, f.toString());
                n++;
            }
        }
        System.out.println("disasm vs objdump: " + n + " n32/n64 images identical");
    }

    @Test
    @Tag("differential")
    void matchesObjdumpOnEveryFixture() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/mips-linux-gnu-objdump").canExecute(),
                "mips-linux-gnu-objdump not installed: skipped");
        List<Path> files = new ArrayList<>();
        for (String f : new String[] {"pie-hello-be.elf", "exec-hello-be.elf", "return7-be.elf"}) files.add(CliRun.resourceFile(dir, "run", f));
        for (String f : new String[] {"tiny-o32-be.elf", "tiny-o32-le.elf", "tiny-n32-be.elf", "tiny-n64-be.elf", "tiny-o32-be.o"}) {
            files.add(CliRun.resourceFile(dir, "elf", f));
        }
        for (Path f : files) {
            Process p = new ProcessBuilder("mips-linux-gnu-objdump", "-d", f.toString()).redirectErrorStream(true).start();
            String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertEquals(0, run("disasm", f.toString()), err);
            assertEquals(theirs, out, f.toString());
        }
        System.out.println("disasm vs objdump: " + files.size() + " images identical");
    }
}
