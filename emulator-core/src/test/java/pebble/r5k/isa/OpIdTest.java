package pebble.r5k.isa;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.*;

/** {@link OpId} must mirror {@link Op} exactly: the interpreter's switch trusts it. */
class OpIdTest {
    @Test
    void everyRowHasItsOrdinal() throws Exception {
        for (Op op : Op.values()) {
            Field f = OpId.class.getField(op.name());
            assertEquals(op.ordinal(), f.getInt(null), op.name());
        }
        assertEquals(Op.values().length, OpId.COUNT);
    }

    @Test
    void noStaleConstants() {
        int constants = 0;
        for (Field f : OpId.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getName().equals("COUNT")) continue;
            constants++;
            assertDoesNotThrow(() -> Op.valueOf(f.getName()), f.getName());
        }
        assertEquals(Op.values().length, constants);
    }
}
