package pebble.r5k.asm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import pebble.r5k.emit.CodeBuffer;
import pebble.r5k.emit.Fixup;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;

/**
 * Where the next byte goes: the sections, the current one (the location counter is its size), the labels
 * waiting to name the next item, and how instructions are placed there under {@code .set reorder/noat}
 * (hazard nops, delay-slot filling, alignment) and how data values become bytes or {@link Fixup}s.
 */
final class Emitter {
    private final Assembler a;
    final Map<String, Section> sections = new LinkedHashMap<>();
    private final ArrayDeque<Section[]> sectionStack = new ArrayDeque<>();
    final List<Symbol> pendingLabels = new ArrayList<>();
    private final Deque<boolean[]> setStack = new ArrayDeque<>();
    final Reorderer reorderer = new Reorderer();

    Section cur;
    Section previous;
    boolean reorder = true;
    boolean noAt;
    /** >0 while a macro emits a fixed sequence that must not be reordered. */
    private int verbatim;
    /**
     * The first instruction after noreorder code never moves into a delay slot, unless that code ended
     * with a filled delay slot (GNU as 2.40 behaves so).
     */
    private boolean pinNext;
    /** Whether the last emitted word had a delay slot / sat in one. */
    private boolean lastHadSlot, lastInSlot;

    Emitter(Assembler a) {
        this.a = a;
    }

    // ------------------------------------------------------------------ sections

    Section section(String name) {
        Section s = sections.get(name);
        if (s == null) {
            boolean nobits = name.equals(".bss") || name.startsWith(".bss.") || name.equals(".sbss");
            boolean exec = name.equals(".text") || name.startsWith(".text.") || name.equals(".init") || name.equals(".fini");
            boolean write = nobits || name.equals(".data") || name.startsWith(".data.") || name.equals(".sdata");
            s = new Section(name, a.opts.bigEndian(), nobits, exec, write);
            sections.put(name, s);
        }
        return s;
    }

    void switchTo(Section s) {
        if (s != cur) flushHazards();
        if (s != cur) previous = cur;
        cur = s;
        pendingLabels.clear();
        reorderer.barrier();
    }

    void pushSection() {
        sectionStack.push(new Section[] {cur, previous});
    }

    void popSection(int dcol) {
        if (sectionStack.isEmpty()) throw new AsmError(dcol, ".popsection without .pushsection");
        Section[] top = sectionStack.pop();
        switchTo(top[0]);
        previous = top[1];
    }

    /** Each file starts in .text, in reorder mode, on a 16-byte boundary of every section. */
    void startFile() {
        reorder = true;
        noAt = false;
        padSections();
        cur = section(".text");
        previous = cur;
        reorderer.barrier();
    }

    void padSections() {
        for (Section s : sections.values()) padTo16(s);
    }

    private static void padTo16(Section s) {
        int pad = (-s.size()) & 15;
        if (pad != 0) s.buf.fill(pad, 0);
    }

    /** The {@code .set} options that change how code is placed; false for any other option. */
    boolean setMode(String opt, int col) {
        switch (opt) {
            case "noreorder": reorder = false; reorderer.barrier(); return true;
            case "reorder": if (!reorder) pinNext = !lastInSlot; reorder = true; reorderer.barrier(); return true;
            case "noat": noAt = true; return true;
            case "at": noAt = false; return true;
            case "push": setStack.push(new boolean[] {reorder, noAt}); return true;
            case "pop":
                if (setStack.isEmpty()) throw new AsmError(col, ".set pop without .set push");
                boolean[] s = setStack.pop();
                if (!reorder && s[0]) pinNext = !lastInSlot;
                reorder = s[0];
                noAt = s[1];
                reorderer.barrier();
                return true;
            default:
                return false;
        }
    }

    // ------------------------------------------------------------------ instructions

    /** {@code s} names the next item; no nops here: hazard nops the next instruction needs go in front of it (see put). */
    void label(Symbol s) {
        pendingLabels.add(s);
        reorderer.barrier();
    }

    /** Emits one instruction whose operands are all known. */
    void insn(Op op, long... values) {
        put(op, values, -1, null, null);
    }

    /** Emits one instruction with operand {@code index} filled later from {@code target}. */
    void insn(Op op, long[] values, int index, Reloc reloc, Expr target) {
        put(op, values, index, reloc, target);
    }

    /** Runs {@code body} with reordering off: a macro's fixed sequence with branches (GNU as does the same). */
    void verbatim(Runnable body) {
        verbatim++;
        try {
            body.run();
        } finally {
            verbatim--;
        }
        reorderer.barrier();
    }

    /**
     * Before a fixed sequence whose instruction {@code index} writes HI/LO: the nops GNU as puts in front
     * so that write is far enough from a preceding MFHI/MFLO.
     */
    void hazardPad(int index) {
        if (!reorder || verbatim > 0 || !cur.exec) return;
        hazardNopsBeforeLabels(reorderer.nopsBeforeLabel() - index);
    }

    /** The instruction just emitted must not move into a later delay slot. */
    void noSwap() {
        reorderer.barrier();
    }

    boolean reordering() { return reorder && verbatim == 0; }

    private void put(Op op, long[] values, int index, Reloc reloc, Expr target) {
        long[] v = values.clone();
        if (index >= 0) v[index] = 0;
        int word = CodeBuffer.encode(op, v);
        alignInsn();
        boolean reo = reordering();
        if (reo) {
            int n = reorderer.hazardNops(op);
            hazardNopsBeforeLabels(n);
        }
        int at = cur.buf.word(word);
        lastInSlot = lastHadSlot;
        lastHadSlot = op.hasDelaySlot();
        if (index >= 0) cur.buf.addFixup(new Fixup(at, reloc, op.format.operand(index), target, a.loc));
        pendingLabels.clear();
        boolean labeled = pinNext;
        pinNext = false;
        if (reo && op.hasDelaySlot()) {
            if (reorderer.canFillSlot(op, word) && at >= 4) {
                cur.buf.swapWords(at - 4, at);
                lastHadSlot = false;  // its slot is filled
                reorderer.record(op, word, false);
            } else {
                reorderer.record(op, word, false);
                rawInsn(Op.SLL, 0);
            }
            reorderer.barrier();
        } else {
            reorderer.record(op, word, reo && !labeled);
        }
    }

    /** Leaving a code section (or the file) in reorder mode: GNU as pads out a pending HI/LO hazard with nops. */
    void flushHazards() {
        if (reorder && cur.exec && verbatim == 0) hazardNopsBeforeLabels(reorderer.nopsBeforeLabel());
    }

    /** {@code n} hazard nops; GNU as puts them before the labels that name the next item: the labels move along. */
    private void hazardNopsBeforeLabels(int n) {
        if (n <= 0) return;
        int old = cur.size();
        for (int i = 0; i < n; i++) rawInsn(Op.SLL, 0);
        for (Symbol l : pendingLabels) if (l.section == cur && l.value == old) l.value = cur.size();
    }

    /** A word that no reordering touches (hazard and delay-slot nops). */
    private void rawInsn(Op op, int word) {
        cur.buf.word(word);
        lastInSlot = lastHadSlot;
        lastHadSlot = false;
        reorderer.record(op, word, false);
    }

    private void alignInsn() {
        if ((cur.size() & 3) != 0) autoAlign(4);
    }

    // ------------------------------------------------------------------ data

    /** GNU as on MIPS aligns data directives to their size and moves labels just before them along. */
    void autoAlign(int n) {
        int old = cur.size();
        int pad = (-old) & (n - 1);
        if (pad == 0) return;
        cur.buf.fill(pad, 0);
        for (Symbol s : pendingLabels) if (s.section == cur && s.value == old) s.value = old + pad;
        if (n > cur.align) cur.align = n;
    }

    void data(int width, Expr e) {
        Value v = a.symbols.tryEval(e);
        Reloc r = width == 1 ? Reloc.DATA8 : width == 2 ? Reloc.DATA16 : width == 4 ? Reloc.DATA32 : Reloc.DATA64;
        int at = cur.size();
        if (v != null && v.isAbsolute()) {
            long x = v.off();
            if (width < 8) {
                long min = -(1L << (width * 8 - 1)), max = (1L << (width * 8)) - 1;
                if (x < min || x > max) {
                    // GNU as keeps the low bytes and warns
                    long t = x & ((1L << (width * 8)) - 1);
                    a.diags.warning(a.loc.at(e.col()), "value 0x" + Long.toHexString(x) + " truncated to 0x" + Long.toHexString(t));
                }
            }
            cur.buf.fill(width, 0);
            cur.buf.patch(at, x, width);
        } else {
            cur.buf.fill(width, 0);
            cur.buf.addFixup(new Fixup(at, r, null, e, a.loc.at(e.col())));
        }
    }
}
