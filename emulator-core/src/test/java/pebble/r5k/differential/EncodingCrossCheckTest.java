package pebble.r5k.differential;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The generator's hand-made encodings must match what GNU as makes of the assembly text it prints next to
 * them (which also makes the failure listings trustworthy).
 */
@Tag("differential")
class EncodingCrossCheckTest {

    @Test
    void generatedWordsMatchGnuAs() throws Exception {
        Assumptions.assumeTrue(Tools.allPresent("mips-linux-gnu-as", "mips-linux-gnu-ld", "mips-linux-gnu-objcopy"),
                "mips-linux-gnu-as/ld/objcopy not installed");
        Path dir = Files.createTempDirectory("pebble-enc");
        try {
            for (Mode m : Mode.values()) {
                SeqGen g = new SeqGen(m, 99);
                StringBuilder src = new StringBuilder("\t.set noreorder\n\t.set noat\n\t.text\n");
                List<TestCase> cases = new java.util.ArrayList<>();
                // At their run addresses (linked like QemuRunner's programs), so J/JAL targets resolve.
                for (int i = 0; i < 200; i++) {
                    TestCase c = g.next(i, QemuRunner.bodyAddress(i));
                    cases.add(c);
                    src.append("\t.org ").append(QemuRunner.bodyAddress(i) - QemuRunner.TEXT).append('\n');
                    for (String line : c.asm()) src.append('\t').append(line).append('\n');
                }
                Files.writeString(dir.resolve("e.s"), src, StandardCharsets.US_ASCII);
                Tools.check(dir, List.of("mips-linux-gnu-as", "-EB", "-mabi=n32", "-march=r5000", "-o", "e.o", "e.s"), 60);
                Tools.check(dir, List.of("mips-linux-gnu-ld", "-m", "elf32btsmipn32", "-static", "-e", "0x600000",
                        "-Ttext=0x" + Long.toHexString(QemuRunner.TEXT), "-o", "e.elf", "e.o"), 60);
                Tools.check(dir, List.of("mips-linux-gnu-objcopy", "-O", "binary", "-j", ".text", "e.elf", "e.bin"), 60);
                ByteBuffer bin = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("e.bin")));
                for (TestCase c : cases) {
                    bin.position((int) (QemuRunner.bodyAddress(c.index()) - QemuRunner.TEXT));
                    for (int k = 0; k < c.body().length; k++) {
                        int asWord = bin.getInt();
                        assertEquals(String.format("%08x", asWord), String.format("%08x", c.body()[k]),
                                m + " case " + c.index() + " insn " + k + ": " + c.asm()[k]);
                    }
                }
            }
        } finally {
            Tools.deleteTree(dir);
        }
    }
}
