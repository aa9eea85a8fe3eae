package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.cpu.Cp0Reg.*;
import static pebble.r5k.cpu.KernelProgram.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Kernel-style code translated must be invisible too (docs/translator.md): random {@link KernelProgram}s
 * (user slices in two ASIDs, SYSCALL context switches with ERET and EntryHi writes, TLB refills with TLBWR,
 * TLBWI/TLBR/TLBP, CACHE, SYNC, Status writes, privileged instructions trapping in user mode, timer
 * interrupts, FP branches taken, not taken and annulled) give the same registers, CP0 state, TLB, RAM,
 * cycles and full statistics JSON four ways, in both modes: the reference runs every instruction in the
 * loop with no micro-TLB at all (every translation takes the slow path, so a micro-TLB entry kept where the
 * architecture would translate differently shows) and, timed, with the D-cache's set filter emptied after
 * every instruction (every access takes the cache model, so a filter entry kept across an ASID change, a TLB
 * write or a mode change where the model would do otherwise shows); the others with the micro-TLB and the
 * filter, untranslated, translated at the first execution, and after 3.
 */
class KernelRegionEquivalenceTest {
    private static final int SEEDS = 24;
    private static final long BUDGET = 120_000;

    @Test
    void kernelStyleCodeRunsIdenticallyTranslatedOrNotTimed() {
        equivalent(true);
    }

    @Test
    void kernelStyleCodeRunsIdenticallyTranslatedOrNotFunctional() {
        equivalent(false);
    }

    private static void equivalent(boolean timed) {
        long instructions = 0, translated = 0, syscalls = 0, refills = 0, interrupts = 0, unusable = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            for (boolean be : new boolean[] {true, false}) {
                SplittableRandom rnd = new SplittableRandom(seed * 104_729L + (be ? 1 : 0));
                int[] a = user(rnd), b = user(rnd), general = general(rnd);
                String what = "seed " + seed + (be ? " BE" : " LE") + (timed ? " timed" : " functional");
                Run reference = run(a, b, general, be, timed, 0, false, seed);
                assertEquals(reference.text, run(a, b, general, be, timed, 0, true, seed).text, what + ": with the micro-TLB");
                Run first = run(a, b, general, be, timed, 1, true, seed);
                assertEquals(reference.text, first.text, what + ": translating at the first execution");
                assertEquals(reference.text, run(a, b, general, be, timed, 3, true, seed).text, what + ": translating after three");
                instructions += first.machine.cpu().instret;
                translated += first.machine.translatedInstructions();
                long[] ex = first.machine.cpu().cp0.exceptionCount;
                syscalls += ex[ExcCode.SYS];
                interrupts += ex[ExcCode.INT];
                unusable += ex[ExcCode.CPU];
                refills += first.machine.cpu().tlbRefills;
            }
        }
        // The programs do what they are for: every kind of kernel entry, many times, mostly translated.
        assertTrue(syscalls > 2_000 && refills > 1_000 && interrupts > 100 && unusable > 200,
                "syscalls " + syscalls + ", refills " + refills + ", interrupts " + interrupts + ", CpU " + unusable);
        assertTrue(translated > instructions * 3 / 4, "translated " + translated + " of " + instructions);
    }

    private record Run(String text, Machine machine) {}

    private static Run run(int[] a, int[] b, int[] general, boolean be, boolean timed, int translateAfter,
                           boolean microTlb, int seed) {
        Machine m = Machine.create(be, 8 << 20, new ByteArrayOutputStream(), null);
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null);
        m.writeWords(0x80000000L, refill());
        m.writeWords(0x80000180L, general);
        m.writeWords(0x80000000L | SAVES + 4, new int[] {(int) USER_VA, (int) USER_VA});
        m.writeWords(0x80000000L | CODE_A, a);
        m.writeWords(0x80000000L | CODE_B, b);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] shared = new int[2048];
        for (int i = 0; i < shared.length; i++) shared[i] = rnd.nextInt();
        m.writeWords(0x80000000L | GLOBAL_PA, shared);
        m.writeWords(START, new int[] {Op.ERET.match, 0});
        m.start(START);
        Cpu c = m.cpu();
        c.tlb.write(0, 0, USER_VA | 1, entryLo(CODE_A, false, false), entryLo(CODE_A + 0x1000, false, false));
        c.tlb.write(1, 0, USER_VA | 2, entryLo(CODE_B, false, false), entryLo(CODE_B + 0x1000, false, false));
        c.tlb.write(2, 0, GLOBAL_VA, entryLo(GLOBAL_PA, true, true), entryLo(GLOBAL_PA + 0x1000, true, true));
        c.mmu.tlbChanged();
        if (!microTlb) {
            c.mmu.cacheTranslations(false);
            if (timed) m.setTraceListener(new RetireListener() { // the cache model alone: no set filter
                @Override public void retired(long pc, int word) { m.memory().dcache.dropFilter(); }
                @Override public void exception(long pc) { m.memory().dcache.dropFilter(); }
            });
        }
        for (int r = 1; r < 32; r++) c.gpr[r] = rnd.nextInt(3) == 0 ? rnd.nextInt(64) : rnd.nextLong();
        c.gpr[S0] = DATA_VA;
        c.gpr[S1] = GLOBAL_VA;
        c.cp0.write(WIRED, 3);
        c.cp0.write(ENTRYHI, 1);
        c.cp0.write(EPC, USER_VA);
        // User mode, timer interrupts on; the FPU usable for half the programs (their FP branches branch).
        c.cp0.write(STATUS, 0x8000 | 2 << SR_KSU_SHIFT | SR_EXL | SR_IE | (seed % 2 == 0 ? SR_CU1 : 0));
        c.cp0.write(COMPARE, 400 + rnd.nextInt(300));
        Machine.RunResult r = m.run(BUDGET);
        return new Run(MachineStateDump.of(m, r), m);
    }
}
