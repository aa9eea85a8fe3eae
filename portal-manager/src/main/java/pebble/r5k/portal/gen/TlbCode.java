package pebble.r5k.portal.gen;

import static pebble.r5k.isa.Reg.AT;
import static pebble.r5k.isa.Reg.ZERO;

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
