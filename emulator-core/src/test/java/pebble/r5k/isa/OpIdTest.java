package pebble.r5k.isa;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.*;

/** {@link OpId} must mirror the dispatchable rows of {@link Op} exactly: the interpreter's switch trusts it. */
class OpIdTest {
    /** RESERVED and the REAL rows: what {@link Decoder#decode} can return, hence what the interpreter dispatches. */
    private static boolean dispatchable(Op op) {
        return op == Op.RESERVED || op.kind == OpKind.REAL;
    }

    @Test
    void dispatchableRowsComeFirst() {
        boolean seenOther = false;
        for (Op op : Op.values()) {
            if (op == Op.RESERVED) continue;
            if (!dispatchable(op)) seenOther = true;
            else assertFalse(seenOther, op + ": REAL rows must precede every ALIAS and MACRO row, so their ids never move");
        }
    }

    @Test
    void everyDispatchableRowHasItsOrdinal() throws Exception {
        int n = 0;
        for (Op op : Op.values()) {
            if (!dispatchable(op)) continue;
            Field f = OpId.class.getField(op.name());
            assertEquals(op.ordinal(), f.getInt(null), op.name());
            n++;
        }
        assertEquals(n, OpId.COUNT);
    }

    @Test
    void noStaleConstants() {
        for (Field f : OpId.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getName().equals("COUNT")) continue;
            Op op = assertDoesNotThrow(() -> Op.valueOf(f.getName()), f.getName());
            assertTrue(dispatchable(op), f.getName() + " is not a row the decoder returns");
        }
    }
}
