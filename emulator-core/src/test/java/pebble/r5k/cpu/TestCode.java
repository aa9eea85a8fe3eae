package pebble.r5k.cpu;

import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpFormat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static pebble.r5k.isa.Reg.*;

/**
 * Test support: encodes instructions through the table's operand codecs (operands in format order, raw
 * field values; branch offsets in words) and runs them on a small machine whose exception vectors halt with
 * a recognisable status: general vector → ExcCode, refill vector → 100 + ExcCode.
 */
final class TestCode {
    static final long CODE = 0xFFFFFFFF80001000L;
    final List<Integer> words = new ArrayList<>();

    static int enc(Op op, long... operands) {
        OpFormat f = op.format;
        if (f.count() != operands.length) throw new IllegalArgumentException(op + " takes " + f.count() + " operands");
        int w = op.match;
        for (int i = 0; i < operands.length; i++) {
            var o = f.operand(i);
            if (!o.fits(operands[i])) throw new IllegalArgumentException(op + ": operand " + i + " out of range: " + operands[i]);
            w = o.insert(w, operands[i]);
        }
        return w;
    }

    TestCode i(Op op, long... operands) {
        words.add(enc(op, operands));
        return this;
    }

    TestCode word(int w) {
        words.add(w);
        return this;
    }

    /** Loads a 32-bit constant into r (lui/ori). */
    TestCode li(int r, int value) {
        i(Op.LUI, r, (value >>> 16) & 0xFFFF);
        return i(Op.ORI, r, r, value & 0xFFFF);
    }

    /** Halts with the low byte of register r as exit status. */
    TestCode haltWith(int r) {
        li(K1, 0xBFFF0000);
        return i(Op.SW, r, 0, K1);
    }

    int[] array() {
        int[] a = new int[words.size()];
        for (int k = 0; k < a.length; k++) a[k] = words.get(k);
        return a;
    }

    static int[] vectorStub(int add) {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K0, 13).i(Op.SRL, K0, K0, 2).i(Op.ANDI, K0, K0, 0x1F);
        if (add != 0) t.i(Op.ADDIU, K0, K0, add);
        return t.haltWith(K0).array();
    }

    /** A machine with the halting vectors installed and this code at {@link #CODE}. */
    Machine machine(boolean bigEndian) {
        Machine m = Machine.create(bigEndian, 1 << 20, new ByteArrayOutputStream(), null);
        m.writeWords(0x80000000L, vectorStub(100));
        m.writeWords(0x80000180L, vectorStub(0));
        m.writeWords(CODE, array());
        m.start(CODE);
        return m;
    }

    Machine run(boolean bigEndian) {
        Machine m = machine(bigEndian);
        m.run(100_000);
        if (!m.cpu().halted) throw new AssertionError("did not halt; pc=" + Long.toHexString(m.cpu().pc));
        return m;
    }
}
