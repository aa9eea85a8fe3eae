package pebble.r5k.portal.gen;

import static pebble.r5k.isa.Reg.AT;
import static pebble.r5k.isa.Reg.K0;
import static pebble.r5k.isa.Reg.K1;
import static pebble.r5k.isa.Reg.SP;
import static pebble.r5k.isa.Reg.T4;
import static pebble.r5k.isa.Reg.T5;
import static pebble.r5k.isa.Reg.T6;
import static pebble.r5k.isa.Reg.T7;
import static pebble.r5k.isa.Reg.T8;
import static pebble.r5k.isa.Reg.T9;
import static pebble.r5k.isa.Reg.ZERO;
import static pebble.r5k.portal.gen.Layout.*;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * The return half of a portal: it undoes exactly what {@link CallPortalEmitter} did. Entry (from the
 * nucleus's return dispatcher, which checked the invocation stack is not empty): $k0 = the top frame,
 * $k1 = Thread, EXL = 1; $v0/$v1 hold the callee's results and pass through; $at, $t4..$t9 are free.
 * Nothing can fail here, so the point of no return is the first instruction.
 */
final class ReturnPortalEmitter {
    private final PortalSpec spec;
    private final PortalWriter w = new PortalWriter();

    private static final PortalSymbol CALLEE_STACK_WAITERS = PortalSymbol.of(PortalValue.CALLEE_DOMAIN).plus(DOMAIN_STACK_WAITERS);

    ReturnPortalEmitter(PortalSpec spec) { this.spec = spec; }

    PortalCode emit() {
        w.phase("entry: $k0 = the top invocation frame, $k1 = Thread (the return dispatcher checked the frame exists)");
        w.commitPoint();
        if (spec.windowPosition() >= 0) closeWindow();
        if (spec.hasNewStack()) giveBackStack();
        restoreDomain();
        resumeCaller();
        if (spec.savesCalleeSaved()) restoreCalleeSaved();
        w.op(Op.ERET);
        return w.finish("return " + spec.text());
    }

    private void closeWindow() {
        w.phase("close the window: one call fewer into the callee; at zero remove the callee's TLB entry for the page (§5.3)");
        PortalSymbol counter = PortalSymbol.of(PortalValue.CALLEE_WINDOW_COUNTER);
        PortalWriter.Label done = new PortalWriter.Label();
        w.load(Op.LW, T4, INVFRAME_WINDOW, K0);
        w.load(Op.LW, T6, INVFRAME_WINDOW_VA, K0);
        w.fixed(Op.LHU, new long[] {T5, 0, T4}, 1, Reloc.FIELD, counter);
        w.op(Op.SRL, T6, T6, PAGE_SHIFT + 1);
        w.op(Op.ADDIU, T5, T5, -1);
        w.fixed(Op.SH, new long[] {T5, 0, T4}, 1, Reloc.FIELD, counter);
        w.branch(Op.BNE, T5, ZERO, done);
        w.op(Op.SLL, T6, T6, PAGE_SHIFT + 1); // delay slot: EntryHi.VPN2 of the page's even/odd pair
        w.fixed(Op.ORI, new long[] {T6, T6, 0}, 2, Reloc.FIELD, PortalSymbol.of(PortalValue.CALLEE_ASID));
        w.op(Op.MTC0, T6, Cp0Reg.ENTRYHI);
        TlbCode.pad(w, Cp0Hazards.MTC0_TO_TLBP);
        w.op(Op.TLBP);
        TlbCode.pad(w, Cp0Hazards.TLBP_TO_MFC0);
        w.op(Op.MFC0, T7, Cp0Reg.INDEX);
        w.branch(Op.BLTZ, T7, done); // Index.P: the callee never touched the page, nothing to remove
        w.op(Op.SLL, T7, T7, PAGE_SHIFT + 1);
        w.op(Op.MTC0, ZERO, Cp0Reg.ENTRYLO0);
        w.op(Op.MTC0, ZERO, Cp0Reg.ENTRYLO1);
        // an invalid entry whose VPN2 lies in KSEG0 never matches and never duplicates another (Linux UNIQUE_ENTRYHI)
        w.op(Op.LUI, AT, NUCLEUS_BASE >>> 16);
        w.op(Op.ADDU, T7, T7, AT);
        w.op(Op.MTC0, T7, Cp0Reg.ENTRYHI);
        TlbCode.pad(w, Cp0Hazards.MTC0_TO_TLBW);
        w.op(Op.TLBWI);
        TlbCode.pad(w, Cp0Hazards.TLBW_TO_USE);
        w.bind(done);
    }

    private void giveBackStack() {
        w.phase("new stack (n): the callee's stack goes back on its queue; the caller's stack returns to the thread");
        w.load(Op.LW, T4, INVFRAME_STACK, K0);
        w.upper(T5, CallPortalEmitter.CALLEE_STACK_QUEUE);
        w.lower(Op.LW, AT, CallPortalEmitter.CALLEE_STACK_QUEUE, T5);
        w.load(Op.LW, T6, INVFRAME_STACK_LO0, K0);
        w.load(Op.LW, T7, INVFRAME_STACK_LO1, K0);
        w.store(Op.SW, AT, STACKDESC_NEXT, T4);
        // pushed at the head: the next call gets the stack that is warm in the caches
        w.lower(Op.SW, T4, CallPortalEmitter.CALLEE_STACK_QUEUE, T5);
        wakeFirstWaiter();
        TlbCode.stageThreadStack(w, T6, T7);
    }

    /**
     * §5.4: "If there are any threads waiting for the stack, the portal return calls the scheduler to pick
     * the first waiting thread". Without a loop: the first thread of the callee's stack-wait list leaves it
     * and becomes runnable; the round robin resumes it at its syscall, where the call runs again from its
     * checks (the nucleus's portal_stack_wait, docs/nucleus.md "Waiting for a stack").
     */
    private void wakeFirstWaiter() {
        PortalWriter.Label none = new PortalWriter.Label();
        w.upper(AT, CALLEE_STACK_WAITERS);
        w.lower(Op.LW, T4, CALLEE_STACK_WAITERS, AT);
        w.branch(Op.BEQ, T4, ZERO, none);
        w.loadConstant(T8, THREAD_STATE_RUNNABLE); // (delay slot, harmless when nobody waits)
        w.load(Op.LW, T9, THREAD_NEXT, T4);
        w.store(Op.SW, T8, THREAD_STATE, T4);
        w.lower(Op.SW, T9, CALLEE_STACK_WAITERS, AT);
        w.bind(none);
    }

    private void restoreDomain() {
        w.phase("switch the thread back to the caller: portal table, domain, ASID"
                + (spec.hasNewStack() ? ", and its stack into TLB entry 0" : ""));
        w.load(Op.LW, T8, INVFRAME_DOMAIN, K0);
        w.load(Op.LW, T9, INVFRAME_PORTAL_TABLE, K0);
        w.load(Op.LW, AT, DOMAIN_ASID, T8);
        w.store(Op.SW, T8, THREAD_DOMAIN, K1);
        w.store(Op.SW, T9, THREAD_PORTAL_TABLE, K1);
        if (spec.hasNewStack()) {
            w.op(Op.LUI, T4, USER_STACK_VA >>> 16);
            w.op(Op.ORI, T4, T4, USER_STACK_VA & 0xFFFF);
            w.op(Op.OR, AT, AT, T4);
        }
        w.op(Op.MTC0, AT, Cp0Reg.ENTRYHI);
        if (spec.hasNewStack()) {
            // the caller's $sp fills the mtc0 → tlbwi hazard slot
            w.load(Op.LW, SP, INVFRAME_SP, K0);
            TlbCode.pad(w, Cp0Hazards.MTC0_TO_TLBW - 1);
            w.op(Op.TLBWI);
        }
    }

    private void resumeCaller() {
        w.phase("resume the caller at EPC + 4, pop the frame");
        w.load(Op.LW, AT, INVFRAME_EPC, K0);
        if (!spec.hasNewStack()) w.load(Op.LW, SP, INVFRAME_SP, K0);
        w.op(Op.MTC0, AT, Cp0Reg.EPC);
        w.store(Op.SW, K0, THREAD_INVSP, K1);
    }

    private void restoreCalleeSaved() {
        w.phase("partial save (p): restore $s0..$s7, $gp, $fp, $ra");
        for (int r : CalleeSaved.REGISTERS) w.load(Op.LW, r, frameReg(r), K0);
    }
}
