package pebble.r5k.testing;

import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpFormat;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;

import static pebble.r5k.isa.Reg.*;

/**
 * Test support shared by the tests that observe exceptions from outside ({@code --trace}, the timeline): a
 * SYSCALL and a misaligned LW, each skipped by a general-vector handler that adds 4 to EPC and returns with
 * ERET, then a halt. {@code TraceExceptionsTest} derives the program's cycles from the timing table; the
 * other tests reuse them, so the program is written once, here.
 */
public final class ExceptionProbe {
    private ExceptionProbe() {}

    /** The program's first instruction; the SYSCALL is at +4, the LW at +8, the halt's LUI at +12. */
    public static final long ENTRY = 0x80001000L;

    /** Encodes through the instruction table's operand codecs (operands in format order, raw field values). */
    public static int enc(Op op, long... operands) {
        OpFormat f = op.format;
        int w = op.match;
        for (int i = 0; i < operands.length; i++) w = f.operand(i).insert(w, operands[i]);
        return w;
    }

    /** A 1 MB big-endian machine holding the handler and the program, started at {@link #ENTRY}. */
    public static Machine load(boolean timed) {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.writeWords(0x80000180L, new int[] {
            enc(Op.MFC0, K0, 14), enc(Op.ADDIU, K0, K0, 4), enc(Op.MTC0, K0, 14), enc(Op.ERET)});
        m.writeWords(ENTRY, new int[] {
            enc(Op.ADDIU, T0, ZERO, 5),
            enc(Op.SYSCALL, 0),
            enc(Op.LW, T1, 2, T0),                  // address 7: AdEL, BadVAddr 7
            enc(Op.LUI, K1, 0xBFFF), enc(Op.SW, ZERO, 0, K1)}); // halt
        if (timed) m.enableTiming(TimingTable.defaults(), null);
        m.start(ENTRY);
        return m;
    }
}
