package pebble.r5k.perf;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * HotSpot never JIT-compiles a method whose bytecode exceeds 8000 bytes (HugeMethodLimit; see
 * ../shared/docs/performance-notes.md §2): an interpreter loop that crosses it runs several times slower with
 * nothing else changing. This guards every method of the classes on the per-instruction path, read
 * straight from their class files.
 */
class HotMethodSizeTest {
    static final int HUGE_METHOD_LIMIT = 8000;

    /** Classes whose methods run per guest instruction (the dispatch loop and the semantics it calls). */
    static final String[] HOT_CLASSES = {
        "pebble.r5k.cpu.Interpreter", "pebble.r5k.cpu.Cpu", "pebble.r5k.cpu.Mmu", "pebble.r5k.cpu.AluOps",
        "pebble.r5k.cpu.ShiftOps", "pebble.r5k.cpu.MulDivOps", "pebble.r5k.cpu.BranchOps",
        "pebble.r5k.cpu.LoadStoreOps", "pebble.r5k.cpu.TrapOps", "pebble.r5k.cpu.Cp0Ops", "pebble.r5k.fpu.FpuOps",
        "pebble.r5k.mem.PhysicalMemory", "pebble.r5k.cpu.TimedCore", "pebble.r5k.timing.Scoreboard",
        "pebble.r5k.cache.MemorySystem", "pebble.r5k.cache.L1Cache",
    };

    @Test
    void noHotMethodIsTooBigToCompile() throws IOException {
        List<String> tooBig = new ArrayList<>();
        int checked = 0;
        for (String cls : HOT_CLASSES) {
            for (MethodSize m : methodSizes(cls)) {
                checked++;
                if (m.codeLength() > HUGE_METHOD_LIMIT) tooBig.add(cls + "." + m.name() + ": " + m.codeLength() + " bytes");
            }
        }
        assertTrue(checked > 50, "parsed too few methods: " + checked);
        assertEquals(List.of(), tooBig, "methods over HotSpot's " + HUGE_METHOD_LIMIT + "-byte compile limit");
    }

    @Test
    void parserReadsRealSizes() throws IOException {
        // The dispatch switch (with the functional loop around it, Interpreter.exec) is far from empty: a
        // parser that read zeros would make the guard above vacuous.
        int exec = methodSizes("pebble.r5k.cpu.Interpreter").stream()
                .filter(m -> m.name().equals("exec")).mapToInt(MethodSize::codeLength).max().orElse(0);
        assertTrue(exec > 500, "Interpreter.exec: " + exec);
    }

    record MethodSize(String name, int codeLength) {}

    /** Minimal class-file reader (JVMS §4): skips the constant pool, fields and attributes; keeps Code lengths. */
    static List<MethodSize> methodSizes(String className) throws IOException {
        String res = "/" + className.replace('.', '/') + ".class";
        try (InputStream raw = HotMethodSizeTest.class.getResourceAsStream(res)) {
            assertNotNull(raw, "class file " + res);
            DataInputStream in = new DataInputStream(raw);
            assertEquals(0xCAFEBABE, in.readInt());
            in.readUnsignedShort();
            in.readUnsignedShort();
            int cpCount = in.readUnsignedShort();
            String[] utf8 = new String[cpCount];
            for (int i = 1; i < cpCount; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.skipNBytes(4);
                    case 5, 6 -> { in.skipNBytes(8); i++; }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 15 -> in.skipNBytes(3);
                    default -> fail("unknown constant-pool tag " + tag + " in " + res);
                }
            }
            in.skipNBytes(6);                                   // access, this, super
            in.skipNBytes(2L * in.readUnsignedShort());         // interfaces
            int fields = in.readUnsignedShort();
            for (int f = 0; f < fields; f++) {
                in.skipNBytes(6);
                skipAttributes(in);
            }
            List<MethodSize> out = new ArrayList<>();
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.skipNBytes(2);
                String name = utf8[in.readUnsignedShort()];
                in.skipNBytes(2);
                int attrs = in.readUnsignedShort();
                for (int a = 0; a < attrs; a++) {
                    String attr = utf8[in.readUnsignedShort()];
                    int len = in.readInt();
                    if (attr.equals("Code")) {
                        in.skipNBytes(4);                       // max_stack, max_locals
                        int codeLength = in.readInt();
                        out.add(new MethodSize(name, codeLength));
                        in.skipNBytes(len - 8);
                    } else {
                        in.skipNBytes(len);
                    }
                }
            }
            return out;
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.skipNBytes(2);
            in.skipNBytes(in.readInt());
        }
    }
}
