package pebble.r5k.bench;

import pebble.r5k.Machine;
import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfReader;
import pebble.r5k.elf.ElfSegment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The benchmark guest images (built from src-guest/bench by gcc, committed as resources). */
public final class Workloads {
    private Workloads() {}

    /** Instructions the integer workload retires (deterministic; checked at set-up). */
    public static final long INTEGER_WORKLOAD_INSTRUCTIONS = 9_275_634L;

    public static byte[] resource(String name) {
        try (InputStream in = Workloads.class.getResourceAsStream("/workloads/" + name)) {
            if (in == null) throw new IllegalStateException("missing workload resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh machine with the image loaded and the CPU at its entry point. */
    public static Machine load(byte[] image, String name, ByteArrayOutputStream console) {
        try {
            ElfFile elf = ElfReader.read(image, name);
            Machine m = Machine.create(elf.bigEndian(), 8L << 20, console, null);
            for (ElfSegment s : elf.segments()) {
                long pa = Machine.kernelPhysical(s.vaddr());
                m.ram().loadBytes(pa, s.fileBytes(), 0, s.fileBytes().length);
            }
            m.start(elf.entry());
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }
}
