package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Random words executed as code, in both byte orders: whatever the guest does (reserved encodings, CP0 and
 * TLB writes, wild loads and stores, traps, mode switches, FPU enables) the emulator must neither throw nor
 * overrun its cycle bound. Every exception resumes at the next instruction, so each run covers many faults.
 */
class RandomCodeRobustnessTest {
    private static final long CODE = 0xFFFFFFFF80100000L;

    /** General and refill handlers: EPC += 4, clear EXL/ERL by ERET, carry on. */
    private static int[] skipHandler() {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K0, 14).i(Op.ADDIU, K0, K0, 4).i(Op.MTC0, K0, 14).i(Op.SLL, 0, 0, 0).i(Op.SLL, 0, 0, 0).i(Op.ERET);
        return t.array();
    }

    @Test
    void randomCodeNeverCrashesTheEmulator() {
        int runs = 0;
        long retired = 0;
        for (int seed = 1; seed <= 500; seed++) {
            for (boolean be : new boolean[] {true, false}) {
                SplittableRandom rnd = new SplittableRandom(seed * 31L + (be ? 1 : 0));
                Machine m = Machine.create(be, 4 << 20, new ByteArrayOutputStream(), null);
                m.writeWords(0x80000000L, skipHandler());
                m.writeWords(0x80000180L, skipHandler());
                int[] code = new int[1024];
                for (int i = 0; i < code.length; i++) code[i] = randomWord(rnd);
                m.writeWords(CODE, code);
                m.start(CODE);
                Cpu c = m.cpu();
                for (int r = 1; r < 32; r++) c.gpr[r] = rnd.nextInt(4) == 0 ? CODE + 4L * rnd.nextInt(1024) : rnd.nextLong();
                Machine.RunResult res = assertDoesNotThrow(() -> m.run(40_000), "seed " + seed + (be ? " BE" : " LE"));
                assertTrue(res.cycles() <= 40_000 + 1_000, "cycle bound overrun: " + res.cycles());
                assertEquals(0, c.gpr[0], "$zero stays zero");
                retired += res.instructions();
                runs++;
            }
        }
        assertTrue(retired > runs * 1_000L, "the random code should mostly execute: " + retired);
    }

    /** Mostly valid major opcodes with random fields, some fully random words. */
    private static int randomWord(SplittableRandom rnd) {
        if (rnd.nextInt(8) == 0) return rnd.nextInt();
        Op[] ops = Op.values();
        Op op = ops[rnd.nextInt(ops.length)];
        return op.match | (rnd.nextInt() & ~op.mask);
    }
}
