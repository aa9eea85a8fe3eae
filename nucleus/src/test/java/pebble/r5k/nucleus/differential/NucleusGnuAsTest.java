package pebble.r5k.nucleus.differential;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.nucleus.build.NucleusBuild;
import pebble.r5k.nucleus.layout.AsmIncludeWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The nucleus as our assembler builds it equals, byte for byte, what GNU as and ld make of the same sources
 * with the same section addresses (gcc -x assembler-with-cpp for the .S files). Skips visibly when the MIPS
 * cross tools are absent.
 */
@Tag("differential")
class NucleusGnuAsTest {
    @TempDir Path dir;

    @Test
    void gnuAsAndLdProduceTheSameNucleus() throws Exception {
        assumeTrue(onPath("mips-linux-gnu-gcc") && onPath("mips-linux-gnu-ld") && onPath("mips-linux-gnu-objcopy"),
                "mips-linux-gnu-{gcc,ld,objcopy} not installed");
        AssembledProgram ours = NucleusBuild.image().program();
        Files.writeString(dir.resolve(AsmIncludeWriter.LAYOUT_INCLUDE), AsmIncludeWriter.layoutInclude());
        Files.writeString(dir.resolve(AsmIncludeWriter.CP0_INCLUDE), AsmIncludeWriter.cp0Include());
        Files.writeString(dir.resolve(AsmIncludeWriter.CP0_REGS_HEADER), AsmIncludeWriter.cp0RegsHeader());
        copy("nucleus.h");
        List<String> link = new ArrayList<>(List.of("mips-linux-gnu-ld", "-EB", "-N", "-e", NucleusBuild.ENTRY,
                "-Ttext=" + hex(ours.section(".text").addr()), "-Tdata=" + hex(ours.section(".data").addr()),
                "-Tbss=" + hex(ours.section(".bss").addr()), "-o", "n.elf"));
        for (String src : NucleusBuild.SOURCES) {
            copy(src);
            String obj = src.replace(".S", ".o");
            run("mips-linux-gnu-gcc", "-c", "-x", "assembler-with-cpp", "-march=r5000", "-mabi=32", "-mno-abicalls",
                    "-fno-pic", "-EB", "-I.", "-o", obj, src);
            link.add(obj);
        }
        run(link.toArray(String[]::new));
        for (String section : List.of(".text", ".data")) {
            run("mips-linux-gnu-objcopy", "-O", "binary", "-j", section, "n.elf", section.substring(1) + ".bin");
            assertArrayEquals(Files.readAllBytes(dir.resolve(section.substring(1) + ".bin")), ours.section(section).data(), section);
        }
    }

    private void copy(String name) throws IOException {
        try (InputStream in = NucleusBuild.class.getClassLoader().getResourceAsStream("nucleus-src/" + name)) {
            assertNotNull(in, name);
            Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    private void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + ": timeout");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    }

    private static String hex(long v) { return "0x" + Long.toHexString(v & 0xFFFFFFFFL); }

    private static boolean onPath(String tool) {
        for (String d : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
