package pebble.r5k.nucleus.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.Assembler;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Programs as ELF bytes, .S files (C preprocessor) and .s files; bad programs are one precise line. */
class UserProgramTest {
    @TempDir Path dir;

    @Test
    void elfProgramsAndPreprocessedSourcesBoot() throws Exception {
        byte[] elf = Assembler.toElf(Assembler.assembleString("e.s",
                ".text\n.globl _start\n_start: li $a0, 'E'\nli $v0, 2\nsyscall\nli $a0, 0\nli $v0, 1\nsyscall\n",
                AsmOptions.defaults().withText(0x00400000L)));
        Path s = dir.resolve("p.S");
        Files.writeString(s, "#define LETTER 'S'\n.include \"pebble.inc\"\n.text\n.globl _start\n_start: PUTC LETTER\nEXIT 0\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GuestRun r = GuestRun.run(new SystemBuilder().timing(false).console(out).programElf("e", elf).programFile(s), out);
        assertEquals("ES", r.console());
        assertEquals(0, r.status());
    }

    @Test
    void kernelLinkedElfIsOneLine() throws Exception {
        byte[] elf = Assembler.toElf(Assembler.assembleString("k.s", ".text\n_start: nop\n", AsmOptions.defaults()));
        SystemImageException e = assertThrows(SystemImageException.class, () -> UserProgram.fromElf("k", elf));
        assertEquals("k: segment 0x80100000..0x80100010 is outside the program area 0x0..0x60000000 (docs/abi.md)", e.getMessage());
    }

    @Test
    void assemblyErrorsNameTheFileLineAndColumn() {
        SystemImageException e = assertThrows(SystemImageException.class, () -> UserProgram.fromSource("bad.s", ".text\n  addu $t0\n", null));
        assertTrue(e.getMessage().startsWith("bad.s:2:"), e.getMessage());
    }
}
