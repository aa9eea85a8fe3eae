package pebble.r5k.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone random n32 program: one initial state followed by {@code chunks} chained {@link SeqGen}
 * bodies (20-40 instructions each, 64-bit operations included), with a dump of every usable GPR, HI, LO
 * (16 hex digits each) and the 64-byte scratch buffer after every {@code chunksPerDump} bodies and at the end.
 *
 * <p>The same source is generated in two flavours that differ only in how a character leaves and how the
 * program stops: {@link Target#BARE} polls COM1 of the P-5064 and halts through sim-control (for
 * {@code pebble run}); {@link Target#LINUX} buffers the text and uses write(2)/exit(2) (for QEMU user mode).
 * Their console output must be identical.
 *
 * <p>{@code main(seed, chunks, chunksPerDump, outDir)} writes {@code bare.s} and {@code linux.s}; see
 * scripts/gen-n32-program.sh.
 */
final class LongProgram {
    enum Target { BARE, LINUX }

    private static final Mode MODE = Mode.N32;
    private static final int W = 8;
    /** Save slots of HI and LO after the 32 GPRs. */
    private static final int HI_SLOT = 32, LO_SLOT = 33;

    private final TestCase first;
    private final List<int[]> bodies = new ArrayList<>();
    private final int chunksPerDump;

    LongProgram(long seed, int chunks, int chunksPerDump) {
        SeqGen gen = new SeqGen(MODE, seed);
        first = gen.next(0);
        bodies.add(first.body());
        for (int i = 1; i < chunks; i++) bodies.add(gen.continued(i).body());
        this.chunksPerDump = chunksPerDump;
    }

    int instructionCount() {
        int n = 0;
        for (int[] b : bodies) n += b.length;
        return n;
    }

    /** GNU as source (n32, {@code .set noreorder}) for {@code target}. */
    String source(Target target) {
        StringBuilder t = new StringBuilder(256 * 1024);
        StringBuilder d = new StringBuilder(16 * 1024);
        t.append("\t.set noreorder\n\t.set noat\n\t.text\n\t.globl __start\n__start:\n");
        t.append("\tla $26, init\n");
        t.append("\tld $27, ").append(HI_SLOT * W).append("($26)\n\tmthi $27\n");
        t.append("\tld $27, ").append(LO_SLOT * W).append("($26)\n\tmtlo $27\n");
        for (int r : SeqGen.USABLE) t.append("\tld $").append(r).append(", ").append(r * W).append("($26)\n");
        t.append("\tla $").append(SeqGen.BASE).append(", scratch\n");
        int dumps = 0;
        for (int i = 0; i < bodies.size(); i++) {
            t.append("# body ").append(i).append('\n');
            for (int w : bodies.get(i)) t.append("\t.word 0x").append(Integer.toHexString(w)).append('\n');
            if ((i + 1) % chunksPerDump == 0 || i == bodies.size() - 1) {
                dumpPoint(t, d, ++dumps, i + 1);
            }
        }
        if (target == Target.BARE) {
            t.append("\tlui $26, 0xbfff\n\tsw $0, 0($26)\n1:\tb 1b\n\tnop\n");
        } else {
            t.append("\tli $2, ").append(MODE.sysExit).append("\n\tli $4, 0\n\tsyscall\n\tnop\n");
        }
        printRoutines(t, target);

        d.insert(0, "\t.data\n\t.balign 16\ninit:\n");
        StringBuilder init = new StringBuilder();
        for (int r = 0; r < 32; r++) init.append("\t.dword ").append(first.initGpr()[r]).append('\n');
        init.append("\t.dword ").append(first.initHi()).append("\n\t.dword ").append(first.initLo()).append('\n');
        init.append("\t.balign 16\nsave:\n\t.space ").append(34 * W).append('\n');
        init.append("\t.balign 16\nscratch:\n");
        for (int k = 0; k < SeqGen.SCRATCH; k += 16) {
            init.append("\t.byte ");
            for (int j = 0; j < 16; j++) init.append(j == 0 ? "" : ",").append(first.scratch()[k + j] & 0xFF);
            init.append('\n');
        }
        init.append("hexdigits:\n\t.ascii \"0123456789abcdef\"\n");
        init.append("\t.balign 8\noutpos:\n\t.word 0\noutbuf:\n\t.space 4096\n");
        d.insert("\t.data\n\t.balign 16\ninit:\n".length(), init);
        return t.append(d).toString();
    }

    /** Saves every GPR, HI and LO, prints them and the scratch buffer, and restores the state exactly. */
    private static void dumpPoint(StringBuilder t, StringBuilder d, int k, int bodiesDone) {
        t.append("# dump ").append(k).append('\n');
        t.append("\tla $26, save\n");
        for (int r : SeqGen.USABLE) t.append("\tsd $").append(r).append(", ").append(r * W).append("($26)\n");
        t.append("\tmfhi $27\n\tsd $27, ").append(HI_SLOT * W).append("($26)\n");
        t.append("\tmflo $27\n\tsd $27, ").append(LO_SLOT * W).append("($26)\n");
        t.append("\tla $4, title").append(k).append("\n\tjal dump_print\n\tnop\n");
        t.append("\tla $26, save\n");
        t.append("\tld $27, ").append(HI_SLOT * W).append("($26)\n\tmthi $27\n");
        t.append("\tld $27, ").append(LO_SLOT * W).append("($26)\n\tmtlo $27\n");
        for (int r : SeqGen.USABLE) t.append("\tld $").append(r).append(", ").append(r * W).append("($26)\n");
        d.append("title").append(k).append(":\n\t.asciz \"dump ").append(k).append(" after ").append(bodiesDone)
                .append(" bodies\\n\"\n");
    }

    /**
     * dump_print($4 = title): prints from the save table and the scratch buffer ($28), clobbering every
     * register except $28/$29 (all are restored by the caller). puts/puthex/putbyte use $5-$11; $16 holds
     * dump_print's return address, $17 the return address of the leaf routines.
     */
    private static void printRoutines(StringBuilder t, Target target) {
        t.append("dump_print:\n\tmove $16, $31\n\tjal puts\n\tnop\n");
        List<String> names = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int r : SeqGen.USABLE) { names.add(String.format("r%02d", r)); slots.add(r); }
        names.add("hi"); slots.add(HI_SLOT);
        names.add("lo"); slots.add(LO_SLOT);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            for (int c = 0; c < name.length(); c++) putcImm(t, name.charAt(c));
            putcImm(t, ' ');
            t.append("\tla $26, save\n\tld $4, ").append(slots.get(i) * W).append("($26)\n");
            t.append("\tjal puthex\n\tli $6, 60\n");
            putcImm(t, '\n');
        }
        for (int line = 0; line < SeqGen.SCRATCH / 16; line++) {
            String label = String.format("m%02x", line * 16);
            for (int c = 0; c < label.length(); c++) putcImm(t, label.charAt(c));
            for (int b = 0; b < 16; b++) {
                putcImm(t, ' ');
                t.append("\tlbu $4, ").append(line * 16 + b).append("($28)\n\tjal puthex\n\tli $6, 4\n");
            }
            putcImm(t, '\n');
        }
        if (target == Target.LINUX) {
            t.append("\tli $2, ").append(MODE.sysWrite).append("\n\tli $4, 1\n\tla $5, outbuf\n");
            t.append("\tla $8, outpos\n\tlw $6, 0($8)\n\tsyscall\n\tnop\n\tla $8, outpos\n\tsw $0, 0($8)\n");
        }
        t.append("\tjr $16\n\tnop\n");

        // puts: $4 = NUL-terminated string
        t.append("puts:\n\tmove $11, $4\n2:\tlbu $5, 0($11)\n\tbeqz $5, 3f\n\tnop\n");
        putc(t);
        t.append("\tb 2b\n\tdaddiu $11, $11, 1\n3:\tjr $31\n\tnop\n");

        // puthex: $4 = value, $6 = bit position of the top nibble (60 for 16 digits, 4 for 2)
        t.append("puthex:\n2:\tdsrlv $5, $4, $6\n\tandi $5, $5, 15\n\tla $7, hexdigits\n\taddu $7, $7, $5\n");
        t.append("\tlbu $5, 0($7)\n");
        putc(t);
        t.append("\taddiu $6, $6, -4\n\tbgez $6, 2b\n\tnop\n\tjr $31\n\tnop\n");
    }

    /** Prints one constant character (via $5) from dump_print, whose own return address is in $16. */
    private static void putcImm(StringBuilder t, char c) {
        t.append("\tli $5, ").append((int) c).append("\n\tjal putc\n\tnop\n");
    }

    /** Inline in a leaf routine: outputs the character in $5 (putc uses $8-$10), keeping $31 in $17. */
    private static void putc(StringBuilder t) {
        t.append("\tmove $17, $31\n\tjal putc\n\tnop\n\tmove $31, $17\n");
    }

    /** The putc routine itself, appended once per program (see {@link #source}). */
    private static String putcRoutine(Target target) {
        if (target == Target.BARE) {
            // COM1 (P-5064 ISA UART at 0x1D0003F8 through KSEG1): wait for THR empty (LSR bit 5), then write.
            return "putc:\n\tlui $8, 0xbd00\n1:\tlbu $9, 0x3fd($8)\n\tandi $9, $9, 0x20\n\tbeqz $9, 1b\n\tnop\n"
                    + "\tjr $31\n\tsb $5, 0x3f8($8)\n";
        }
        return "putc:\n\tla $8, outpos\n\tlw $9, 0($8)\n\tla $10, outbuf\n\taddu $10, $10, $9\n\tsb $5, 0($10)\n"
                + "\taddiu $9, $9, 1\n\tjr $31\n\tsw $9, 0($8)\n";
    }

    /** Writes bare.s and linux.s for a program into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("bare.s"), withPutc(Target.BARE), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("linux.s"), withPutc(Target.LINUX), StandardCharsets.US_ASCII);
    }

    /** The complete source: {@link #source} plus the putc routine placed before the data section. */
    String withPutc(Target target) {
        String s = source(target);
        int data = s.indexOf("\t.data\n");
        return s.substring(0, data) + putcRoutine(target) + s.substring(data);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: LongProgram SEED CHUNKS CHUNKS_PER_DUMP OUT_DIR");
            System.exit(2);
        }
        LongProgram p = new LongProgram(Long.decode(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Path dir = Path.of(args[3]);
        Files.createDirectories(dir);
        p.write(dir);
        System.out.println(p.instructionCount() + " body instructions");
    }
}
