package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The functional fetch caches each predecoded instruction together with its word (CodeCache): a write to
 * an executed word, by a guest store or by the host, must be seen on the next fetch, operands included.
 */
class FetchCacheTest {
    private static final long BASE = 0xFFFF_FFFF_8001_0000L;
    private static final int BREAK = 0x0000_000D, NOP = 0;

    private final Machine m = Machine.create(true, 4L << 20, new ByteArrayOutputStream(), new ByteArrayInputStream(new byte[0]));

    private static int addiu(int rt, int rs, int imm) { return 0x2400_0000 | rs << 21 | rt << 16 | (imm & 0xFFFF); }

    private int run(long at) {
        Cpu c = m.cpu();
        m.start(at);
        c.halted = false;
        m.run(c.cycle + 10_000);
        return (c.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT;
    }

    @Test
    void guestStoreOverAnExecutedWordChangesItsOperands() {
        Cpu c = m.cpu();
        m.writeWords(BASE, new int[] {
            addiu(8, 8, 1),          // 0: rewritten to addiu $8,$8,100 by the store below
            0xAD2A_0000,             // 4: sw $10, 0($9)
            addiu(12, 12, -1),       // 8
            0x1580_FFFC,             // 12: bne $12, $0, 0
            NOP,
            BREAK, NOP,
        });
        m.start(BASE);
        c.gpr[8] = 0;
        c.gpr[9] = BASE;
        c.gpr[10] = addiu(8, 8, 100);
        c.gpr[12] = 2;
        c.halted = false;
        m.run(c.cycle + 10_000);
        assertEquals(ExcCode.BP, (c.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT);
        assertEquals(101, c.gpr[8]);
    }

    @Test
    void hostWriteBetweenRunsIsSeen() {
        Cpu c = m.cpu();
        m.writeWords(BASE, new int[] {addiu(8, 0, 1), BREAK, NOP});
        assertEquals(ExcCode.BP, run(BASE));
        assertEquals(1, c.gpr[8]);
        m.writeWords(BASE, new int[] {addiu(8, 0, 2), BREAK, NOP});
        assertEquals(ExcCode.BP, run(BASE));
        assertEquals(2, c.gpr[8]);
    }
}
