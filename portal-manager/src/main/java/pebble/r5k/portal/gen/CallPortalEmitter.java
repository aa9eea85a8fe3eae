package pebble.r5k.portal.gen;

import static pebble.r5k.isa.Reg.AT;
import static pebble.r5k.isa.Reg.K0;
import static pebble.r5k.isa.Reg.K1;
import static pebble.r5k.isa.Reg.RA;
import static pebble.r5k.isa.Reg.SP;
import static pebble.r5k.isa.Reg.T4;
import static pebble.r5k.isa.Reg.T5;
import static pebble.r5k.isa.Reg.T6;
import static pebble.r5k.isa.Reg.T7;
import static pebble.r5k.isa.Reg.T8;
import static pebble.r5k.isa.Reg.T9;
import static pebble.r5k.isa.Reg.V1;
import static pebble.r5k.isa.Reg.ZERO;
import static pebble.r5k.portal.gen.Layout.*;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.Reg;
import pebble.r5k.portal.spec.ArgumentKind;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * The call half of a portal (docs/nucleus.md, "Portal invocation"). Entry: $k1 = Thread, $v0 = index,
 * EPC = the syscall, Status.EXL = 1; $k0, $at, $v1, $t4..$t9 are free. Every check comes first and only
 * reads; a failed check leaves the caller exactly as it was, with EPC still at its syscall. Registers kept
 * from the checks into the mutations: $k0 = the new frame, $t5 = the invocation stack pointer after the
 * push, $t6 = the callee's first free stack ({@code n}), $t7 = the window page's WindowAccess ({@code w}).
 */
final class CallPortalEmitter {
    private final PortalSpec spec;
    private final PortalWriter w = new PortalWriter();
    private final PortalWriter.Label fault = new PortalWriter.Label();
    private final PortalWriter.Label stackWait = new PortalWriter.Label();

    /** The callee Domain's STACK_QUEUE field: an `n` call takes its stack from here, the return gives it back. */
    static final PortalSymbol CALLEE_STACK_QUEUE = PortalSymbol.of(PortalValue.CALLEE_DOMAIN).plus(DOMAIN_STACK_QUEUE);

    CallPortalEmitter(PortalSpec spec) { this.spec = spec; }

    PortalCode emit() {
        checkInvocationStack();
        if (spec.hasNewStack()) checkStackQueue();
        if (spec.windowPosition() >= 0) checkWindow(PortalSpec.argumentRegister(spec.windowPosition()));
        w.commitPoint();
        pushFrame();
        if (spec.savesCalleeSaved()) saveCalleeSaved();
        switchDomain();
        if (spec.windowPosition() >= 0) openWindow(PortalSpec.argumentRegister(spec.windowPosition()));
        if (spec.hasNewStack()) takeNewStack();
        marshalArguments();
        enterCallee();
        failureExits();
        return w.finish("call " + spec.text());
    }

    private void checkInvocationStack() {
        w.phase("check: room for one more frame on the thread's invocation stack");
        w.load(Op.LW, K0, THREAD_INVSP, K1);
        w.load(Op.LW, T4, THREAD_INVSTACK_LIMIT, K1);
        w.op(Op.ADDIU, T5, K0, INVFRAME_SIZE);
        w.op(Op.SLTU, T4, T4, T5);
        w.branch(Op.BNE, T4, ZERO, fault);
        w.nop();
    }

    private void checkStackQueue() {
        w.phase("check: the callee's stack queue has a stack (else wait for one and retry, §5.4)");
        w.upper(T6, CALLEE_STACK_QUEUE);
        w.lower(Op.LW, T6, CALLEE_STACK_QUEUE, T6);
        w.branch(Op.BEQ, T6, ZERO, stackWait);
        w.nop();
    }

    private void checkWindow(int reg) {
        w.phase("check: $" + Reg.name(reg) + " is a window page the caller may access (§5.3)");
        w.op(Op.LUI, T7, WINDOW_VA_BASE >>> 16);
        w.op(Op.SUBU, T7, reg, T7);
        w.op(Op.SRL, T7, T7, PAGE_SHIFT);
        w.op(Op.SLTIU, T8, T7, WINDOW_PAGES);
        w.branch(Op.BEQ, T8, ZERO, fault);
        w.op(Op.SLL, T7, T7, WINDOW_ACCESS_SHIFT);
        w.load(Op.LW, T8, THREAD_DOMAIN, K1);
        w.loadSymbol(T9, PortalSymbol.of(PortalValue.WINDOW_ACCESS_TABLE));
        w.load(Op.LW, T8, DOMAIN_ASID, T8);
        w.op(Op.ADDU, T7, T7, T9);
        w.op(Op.SLL, T8, T8, WINDOW_COUNTER_SHIFT);
        w.op(Op.ADDU, T8, T8, T7);
        w.load(Op.LHU, T8, WINDOW_ACCESS_COUNT, T8);
        w.branch(Op.BEQ, T8, ZERO, fault);
        w.nop();
    }

    private void pushFrame() {
        w.phase("push an invocation frame: return portal, EPC + 4, portal table, domain, $sp");
        w.op(Op.MFC0, AT, Cp0Reg.EPC);
        w.load(Op.LW, T4, THREAD_PORTAL_TABLE, K1);
        w.load(Op.LW, T8, THREAD_DOMAIN, K1);
        w.op(Op.ADDIU, AT, AT, 4);
        w.store(Op.SW, AT, INVFRAME_EPC, K0);
        w.loadSymbol(AT, PortalSymbol.of(PortalValue.RETURN_PORTAL));
        w.store(Op.SW, AT, INVFRAME_RETURN_PORTAL, K0);
        w.store(Op.SW, T4, INVFRAME_PORTAL_TABLE, K0);
        w.store(Op.SW, T8, INVFRAME_DOMAIN, K0);
        w.store(Op.SW, SP, INVFRAME_SP, K0);
        storeConstant(INVFRAME_KIND_PORTAL, INVFRAME_KIND);
        // the frame says which resources it holds: none unless the phases below record one
        if (!spec.hasNewStack()) w.store(Op.SW, ZERO, INVFRAME_STACK, K0);
        if (spec.windowPosition() < 0) w.store(Op.SW, ZERO, INVFRAME_WINDOW, K0);
        w.store(Op.SW, T5, THREAD_INVSP, K1);
    }

    private void storeConstant(long value, int offset) {
        if (value == 0) {
            w.store(Op.SW, ZERO, offset, K0);
        } else {
            w.loadConstant(AT, value);
            w.store(Op.SW, AT, offset, K0);
        }
    }

    private void saveCalleeSaved() {
        w.phase("partial save (p): the callee-saved registers $s0..$s7, $gp, $fp, $ra");
        for (int r : CalleeSaved.REGISTERS) w.store(Op.SW, r, frameReg(r), K0);
    }

    private void switchDomain() {
        w.phase("switch the thread to the callee: portal table, domain" + (spec.hasNewStack() ? "" : ", ASID"));
        w.loadSymbol(AT, PortalSymbol.of(PortalValue.CALLEE_PORTAL_TABLE));
        w.store(Op.SW, AT, THREAD_PORTAL_TABLE, K1);
        w.loadSymbol(AT, PortalSymbol.of(PortalValue.CALLEE_DOMAIN));
        w.store(Op.SW, AT, THREAD_DOMAIN, K1);
        if (!spec.hasNewStack()) {
            // a shared stack stays in TLB entry 0 (global), so only the ASID changes (§5.2)
            w.fixed(Op.ORI, new long[] {AT, ZERO, 0}, 2, Reloc.FIELD, PortalSymbol.of(PortalValue.CALLEE_ASID));
            w.op(Op.MTC0, AT, Cp0Reg.ENTRYHI);
        }
    }

    private void openWindow(int reg) {
        w.phase("open the window: count one more call into the callee, remember the page in the frame");
        PortalSymbol counter = PortalSymbol.of(PortalValue.CALLEE_WINDOW_COUNTER);
        w.fixed(Op.LHU, new long[] {T8, 0, T7}, 1, Reloc.FIELD, counter);
        w.store(Op.SW, T7, INVFRAME_WINDOW, K0);
        w.store(Op.SW, reg, INVFRAME_WINDOW_VA, K0);
        w.op(Op.ADDIU, T8, T8, 1);
        w.fixed(Op.SH, new long[] {T8, 0, T7}, 1, Reloc.FIELD, counter);
    }

    private void takeNewStack() {
        w.phase("new stack (n): dequeue the callee's stack, load it into TLB entry 0 with the callee's ASID (§5.2, §5.4)");
        w.load(Op.LW, T4, STACKDESC_NEXT, T6);
        w.load(Op.LW, T8, STACKDESC_LO0, T6);
        w.load(Op.LW, T9, STACKDESC_LO1, T6);
        w.upper(AT, CALLEE_STACK_QUEUE);
        w.lower(Op.SW, T4, CALLEE_STACK_QUEUE, AT);
        w.load(Op.LW, T4, THREAD_STACK_LO0, K1);
        w.load(Op.LW, V1, THREAD_STACK_LO1, K1);
        w.store(Op.SW, T6, INVFRAME_STACK, K0);
        w.store(Op.SW, T4, INVFRAME_STACK_LO0, K0);
        w.store(Op.SW, V1, INVFRAME_STACK_LO1, K0);
        TlbCode.stageThreadStack(w, T8, T9);
        w.op(Op.LUI, AT, USER_STACK_VA >>> 16);
        // EntryHi = the stack's VPN2 | the callee's ASID: the ASID switch and the TLB write share one mtc0
        w.fixed(Op.ORI, new long[] {AT, AT, 0}, 2, Reloc.FIELD,
                PortalSymbol.of(PortalValue.CALLEE_ASID).plus(USER_STACK_VA & 0xFFFF));
        w.op(Op.MTC0, AT, Cp0Reg.ENTRYHI);
        // the new $sp fills the mtc0 → tlbwi hazard slots
        int filled = TlbCode.loadConstantCounted(w, SP, USER_STACK_TOP);
        TlbCode.pad(w, Cp0Hazards.MTC0_TO_TLBW - filled);
        w.op(Op.TLBWI);
    }

    private void marshalArguments() {
        w.phase("arguments: " + describeArguments());
        for (int i = 0; i < spec.arguments().size(); i++) {
            int reg = PortalSpec.argumentRegister(i);
            ArgumentKind kind = spec.arguments().get(i);
            switch (kind) {
                case CONSTANT -> w.loadSymbol(reg, PortalSymbol.of(PortalValue.CONSTANT));
                case OWN_INDEX -> w.fixed(Op.ORI, new long[] {reg, ZERO, 0}, 2, Reloc.FIELD, PortalSymbol.of(PortalValue.OWN_INDEX));
                case WORD, WINDOW -> { } // passed unchanged in its register
            }
        }
    }

    private String describeArguments() {
        if (spec.arguments().isEmpty()) return "none";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < spec.arguments().size(); i++) {
            if (i > 0) s.append(", ");
            s.append('$').append(Reg.name(PortalSpec.argumentRegister(i))).append(' ').append(switch (spec.arguments().get(i)) {
                case WORD -> "unchanged";
                case CONSTANT -> "= constant";
                case WINDOW -> "window (unchanged)";
                case OWN_INDEX -> "= own index";
            });
        }
        return s.toString();
    }

    private void enterCallee() {
        w.phase("enter the callee in user mode: EPC = entry, $ra = the return trampoline");
        w.loadSymbol(AT, PortalSymbol.of(PortalValue.ENTRY));
        w.op(Op.MTC0, AT, Cp0Reg.EPC);
        w.loadConstant(RA, RETURN_TRAMPOLINE);
        w.op(Op.ERET);
    }

    private void failureExits() {
        w.phase("failed checks (reached before the point of no return; EPC is still the caller's syscall)");
        w.bind(fault);
        w.jump(PortalSymbol.of(PortalValue.PORTAL_FAULT));
        w.nop();
        if (spec.hasNewStack()) {
            // the nucleus's wait routine needs to know whose queue: the callee Domain in $t7 (docs/nucleus.md)
            PortalSymbol callee = PortalSymbol.of(PortalValue.CALLEE_DOMAIN);
            w.bind(stackWait);
            w.upper(T7, callee);
            w.jump(PortalSymbol.of(PortalValue.STACK_WAIT));
            w.fixed(Op.ADDIU, new long[] {T7, T7, 0}, 2, Reloc.LO16, callee); // (delay slot)
        }
    }
}
