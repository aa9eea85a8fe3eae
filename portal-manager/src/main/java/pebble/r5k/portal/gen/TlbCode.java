package pebble.r5k.portal.gen;

import static pebble.r5k.isa.Reg.AT;
import static pebble.r5k.isa.Reg.K1;
import static pebble.r5k.isa.Reg.ZERO;
import static pebble.r5k.portal.gen.Layout.THREAD_STACK_LO0;
import static pebble.r5k.portal.gen.Layout.THREAD_STACK_LO1;
import static pebble.r5k.portal.gen.Layout.TLB_STACK_ENTRY;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.isa.Op;

/** Small TLB-writing sequences shared by the call and return emitters. */
final class TlbCode {
    private TlbCode() {}

    /** Index = {@code entry}, through $at unless it is entry 0. */
    static void selectIndex(PortalWriter w, int entry) {
        if (entry == 0) {
            w.op(Op.MTC0, ZERO, Cp0Reg.INDEX);
        } else {
            w.op(Op.ORI, AT, ZERO, entry);
            w.op(Op.MTC0, AT, Cp0Reg.INDEX);
        }
    }

    /**
     * The thread's user stack becomes the pair {@code lo0}/{@code lo1} ($k1 = Thread): recorded in the Thread,
     * staged in EntryLo0/1, Index = the stack's TLB entry. The caller writes EntryHi and the tlbwi; the call
     * takes a new stack this way and the return gives the caller's back.
     */
    static void stageThreadStack(PortalWriter w, int lo0, int lo1) {
        w.store(Op.SW, lo0, THREAD_STACK_LO0, K1);
        w.store(Op.SW, lo1, THREAD_STACK_LO1, K1);
        w.op(Op.MTC0, lo0, Cp0Reg.ENTRYLO0);
        w.op(Op.MTC0, lo1, Cp0Reg.ENTRYLO1);
        selectIndex(w, TLB_STACK_ENTRY);
    }

    /** {@link PortalWriter#loadConstant}, returning how many instructions it took (to fill hazard slots). */
    static int loadConstantCounted(PortalWriter w, int rt, long value) {
        int before = w.size();
        w.loadConstant(rt, value);
        return (w.size() - before) / 4;
    }

    /** {@code slots} nops where no useful work fills a CP0 hazard ({@link Cp0Hazards}). */
    static void pad(PortalWriter w, int slots) {
        for (int i = 0; i < slots; i++) w.nop();
    }
}
