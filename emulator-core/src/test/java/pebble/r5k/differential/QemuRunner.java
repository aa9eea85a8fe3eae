package pebble.r5k.differential;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference side: turns a batch of test cases into one static Linux user program (assembled and linked
 * with GNU binutils), runs it under QEMU user mode and parses the state dumps it writes to stdout.
 *
 * <p>Per test case the program loads HI, LO and the usable GPRs from an init table ($k0 points at it, $k1 is
 * the temporary), points $gp at the case's own scratch buffer, runs the body words unchanged, then stores
 * every GPR, HI and LO to a dump table that is immediately followed by the scratch buffer, and writes
 * dump + scratch to stdout with one write(2).
 */
final class QemuRunner {
    private final Mode mode;
    private final boolean bigEndian;

    QemuRunner(Mode mode, boolean bigEndian) {
        this.mode = mode;
        this.bigEndian = bigEndian;
    }

    /** Where the program's text starts (ld -Ttext): kuseg, away from the headers ld leaves at 0x400000. */
    static final long TEXT = 0x0060_0000L;
    /** Bytes of code per case: its prologue, then (at {@link #BODY_OFFSET}) the body and the dump epilogue. */
    static final int CASE_STRIDE = 1024;
    static final int BODY_OFFSET = 256;

    /**
     * The virtual address at which the body of the {@code slot}th case of a batch runs, in QEMU and (so that
     * jump targets and link values agree) in Pebble.
     */
    static long bodyAddress(int slot) {
        return TEXT + (long) slot * CASE_STRIDE + BODY_OFFSET;
    }

    static boolean toolsPresent(Mode mode, boolean bigEndian) {
        return Tools.allPresent("mips-linux-gnu-as", "mips-linux-gnu-ld", mode.qemu(bigEndian));
    }

    /** Bytes of register dump per case (32 GPRs, HI, LO), padded so the scratch buffer stays 16-aligned. */
    int dumpBytes() {
        return (34 * mode.regBytes + 15) & ~15;
    }

    int recordBytes() {
        return dumpBytes() + SeqGen.SCRATCH;
    }

    /** Assembly source of the batch program. */
    String source(List<TestCase> cases) {
        String ld = mode.is64() ? "ld" : "lw";
        String st = mode.is64() ? "sd" : "sw";
        String data = mode.is64() ? ".dword" : ".word";
        int w = mode.regBytes;
        StringBuilder t = new StringBuilder(64 * 1024);
        StringBuilder d = new StringBuilder(64 * 1024);
        t.append("\t.set noreorder\n\t.set noat\n\t.text\n\t.globl __start\n__start:\n");
        d.append("\t.data\n");
        for (int slot = 0; slot < cases.size(); slot++) {
            TestCase c = cases.get(slot);
            int i = c.index();
            t.append("# case ").append(i).append('\n');
            t.append("\t.org ").append(slot * CASE_STRIDE).append('\n');
            t.append("\tla $26, init").append(i).append('\n');
            t.append("\tla $28, scr").append(i).append('\n');
            t.append('\t').append(ld).append(" $27, ").append(32 * w).append("($26)\n\tmthi $27\n");
            t.append('\t').append(ld).append(" $27, ").append(33 * w).append("($26)\n\tmtlo $27\n");
            for (int r : SeqGen.USABLE) t.append('\t').append(ld).append(" $").append(r).append(", ").append(r * w).append("($26)\n");
            t.append("\t.org ").append(slot * CASE_STRIDE + BODY_OFFSET).append('\n');
            for (int word : c.body()) t.append("\t.word 0x").append(Integer.toHexString(word)).append('\n');
            t.append("\tla $26, dump").append(i).append('\n');
            for (int r = 0; r < 32; r++) t.append('\t').append(st).append(" $").append(r).append(", ").append(r * w).append("($26)\n");
            t.append("\tmfhi $27\n\t").append(st).append(" $27, ").append(32 * w).append("($26)\n");
            t.append("\tmflo $27\n\t").append(st).append(" $27, ").append(33 * w).append("($26)\n");
            t.append("\tli $2, ").append(mode.sysWrite).append("\n\tli $4, 1\n\tmove $5, $26\n\tli $6, ")
                    .append(recordBytes()).append("\n\tsyscall\n");

            d.append("\t.balign 16\ninit").append(i).append(":\n");
            for (int r = 0; r < 32; r++) d.append('\t').append(data).append(' ').append(c.initGpr()[r]).append('\n');
            d.append('\t').append(data).append(' ').append(c.initHi()).append('\n');
            d.append('\t').append(data).append(' ').append(c.initLo()).append('\n');
            d.append("\t.balign 16\ndump").append(i).append(":\n\t.space ").append(dumpBytes()).append('\n');
            d.append("scr").append(i).append(":\n");
            for (int k = 0; k < SeqGen.SCRATCH; k += 16) {
                d.append("\t.byte ");
                for (int j = 0; j < 16; j++) d.append(j == 0 ? "" : ",").append(c.scratch()[k + j] & 0xFF);
                d.append('\n');
            }
        }
        t.append("\tli $2, ").append(mode.sysExit).append("\n\tli $4, 0\n\tsyscall\n\tnop\n");
        return t.append(d).toString();
    }

    /**
     * Runs the batch under QEMU. The result has one state per case; when QEMU died part-way (a signal for an
     * instruction that should never trap), the states of the cases it did not finish are null and
     * {@link Outcome#error} says what happened.
     */
    Outcome run(List<TestCase> cases, Path workDir) throws IOException, InterruptedException {
        String stem = "batch" + cases.get(0).index();
        Path src = workDir.resolve(stem + ".s");
        Files.writeString(src, source(cases), StandardCharsets.US_ASCII);
        List<String> as = new ArrayList<>(List.of("mips-linux-gnu-as"));
        as.addAll(mode.asFlags(bigEndian));
        as.addAll(List.of("-o", stem + ".o", stem + ".s"));
        Tools.check(workDir, as, 60);
        Tools.check(workDir, List.of("mips-linux-gnu-ld", "-m", mode.ldEmulation(bigEndian), "-static",
                "-Ttext=0x" + Long.toHexString(TEXT), "-e", "__start", "-o", stem, stem + ".o"), 60);
        checkEntry(workDir.resolve(stem));
        Tools.Result r = Tools.run(workDir, List.of(mode.qemu(bigEndian), "-cpu", mode.qemuCpu, "./" + stem), 120);
        return parse(cases.size(), r);
    }

    /** The layout {@link #bodyAddress} promises: __start (the ELF entry) is exactly at {@link #TEXT}. */
    private void checkEntry(Path elf) throws IOException {
        byte[] h = Files.readAllBytes(elf);
        long entry = ByteBuffer.wrap(h, 24, 4).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                .getInt() & 0xFFFF_FFFFL;
        if (entry != TEXT) throw new IOException(elf + ": entry 0x" + Long.toHexString(entry) + ", expected 0x"
                + Long.toHexString(TEXT));
    }

    record Outcome(GuestState[] states, String error) {}

    Outcome parse(int count, Tools.Result r) {
        GuestState[] states = new GuestState[count];
        ByteBuffer buf = ByteBuffer.wrap(r.stdout()).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int rec = recordBytes();
        int done = Math.min(count, r.stdout().length / rec);
        for (int k = 0; k < done; k++) {
            GuestState s = new GuestState();
            int base = k * rec;
            for (int reg = 0; reg < 32; reg++) s.gpr[reg] = value(buf, base + reg * mode.regBytes);
            s.hi = value(buf, base + 32 * mode.regBytes);
            s.lo = value(buf, base + 33 * mode.regBytes);
            buf.get(base + dumpBytes(), s.scratch);
            states[k] = s;
        }
        String error = null;
        if (done < count || r.exitCode() != 0) {
            error = "qemu stopped after " + done + " of " + count + " cases (exit " + r.exitCode() + "): "
                    + r.stderr().strip();
        }
        return new Outcome(states, error);
    }

    /** A dumped register; o32 registers are 32-bit and read back sign-extended, as a 64-bit CPU holds them. */
    private long value(ByteBuffer buf, int at) {
        return mode.is64() ? buf.getLong(at) : buf.getInt(at);
    }
}
