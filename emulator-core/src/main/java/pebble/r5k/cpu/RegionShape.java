package pebble.r5k.cpu;

import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Fields;
import pebble.r5k.isa.Op;

import java.util.ArrayDeque;
import java.util.Arrays;

import static pebble.r5k.cpu.RegionCompiler.*;

/**
 * Which instructions of a page a region holds, as a small control-flow graph (docs/translator.md, "What a
 * region is"). From the entry, discovery follows the fall-through past conditional branches, and the static
 * targets that lie in the same page: taken targets of branches, J/JAL targets, and the instruction after an
 * annulled branch-likely. Each distinct target starts a <em>block</em>: a label in the method, where the
 * interlock knowledge starts over and the fetch is a line-entry point. For a region that ends in JR/JALR,
 * the return points of its calls and the page's hot block starts ({@code seeds}) become blocks too: the
 * JR's inline cache can reach them without the dispatcher.
 *
 * <p>Timed regions take no block but the entry (a straight path that may loop back to it): multi-block timed
 * methods measured slower on a quiet machine (docs/translator.md, "Multi-block regions").
 *
 * <p>A target that is the delay slot of a branch in the region is not a block (its instruction runs there as
 * a slot): a transfer to it leaves the region. Discovery stops at about {@code cap} instructions.
 *
 * <p>Indices are word indices in the page (0..1023); {@link #base} is the first word the region executes,
 * and {@link #words} runs from there to the last (the words between blocks are never executed).
 */
final class RegionShape {
    /** Page word index of {@code words[0]}, and the entry's page word index. */
    final int base, entry;
    /** The words from {@link #base} to the last instruction executed. */
    final int[] words;
    /** Per page word: executed by the region; a block start; a delay slot; continues straight into the next word. */
    final boolean[] in = new boolean[1024], leader = new boolean[1024], slot = new boolean[1024], cont = new boolean[1024];
    /** Per page word: its line-entry point number, or -1 (the fetch is a hit on the predecessor's line). */
    final int[] point = new int[1024];
    /** Per line-entry point: the page word range [from, to) checked there (the words run before the next point). */
    final int[] checkFrom, checkTo;
    /** Instructions in the region. */
    final int count;
    /** Whether some JR/JALR of the region may find a block through its inline cache. */
    final boolean hasIndirect;

    private RegionShape(int entry, boolean[] in, boolean[] leader, boolean[] slot, boolean[] cont, int[] page,
                        boolean hasIndirect) {
        this.entry = entry;
        System.arraycopy(in, 0, this.in, 0, 1024);
        System.arraycopy(leader, 0, this.leader, 0, 1024);
        System.arraycopy(slot, 0, this.slot, 0, 1024);
        System.arraycopy(cont, 0, this.cont, 0, 1024);
        this.hasIndirect = hasIndirect;
        int lo = 1024, hi = 0, n = 0, points = 0;
        for (int w = 0; w < 1024; w++) {
            point[w] = -1;
            if (!in[w]) continue;
            lo = Math.min(lo, w);
            hi = w + 1;
            n++;
            // A block start, or a word that starts a 32-byte line (its fetch may leave the current line).
            if (leader[w] || (w & 7) == 0) point[w] = points++;
        }
        base = lo;
        count = n;
        words = Arrays.copyOfRange(page, lo, Math.max(lo, hi));
        checkFrom = new int[points];
        checkTo = new int[points];
        for (int w = 0; w < 1024; w++) {
            int k = point[w];
            if (k < 0) continue;
            int j = w + 1;
            while (j < 1024 && cont[j - 1] && in[j] && point[j] < 0) j++;
            checkFrom[k] = w;
            checkTo[k] = j;
        }
    }

    /** The page word of index {@code w} relative to {@link #base}. */
    int word(int w) { return words[w - base]; }

    /** The region's words as a bit set over the page (functional mode: stores into them drop it). */
    long[] coverBits() {
        long[] bits = new long[16];
        for (int w = 0; w < 1024; w++) if (in[w]) bits[w >>> 6] |= 1L << w;
        return bits;
    }

    /** The page index of the static target of the branch or jump {@code word} at page index {@code w}, or -1. */
    static int staticTarget(int w, int word, Op o, long pageVa) {
        long p = pageVa + 4L * w, target;
        if (o == Op.J || o == Op.JAL) target = ((p + 4) & ~0x0FFFFFFFL) | ((long) (word & 0x03FFFFFF) << 2);
        else if (o == Op.JR || o == Op.JALR) return -1;
        else target = p + 4 + ((long) (short) word << 2);
        return ((target ^ pageVa) & ~0xFFFL) == 0 ? (int) (target >>> 2) & 1023 : -1;
    }

    /**
     * Whether the conditional branch {@code word} always takes its branch: {@code b} ({@code beq $0, $0}, the
     * assemblers' spelling, or {@code bgez $0}), {@code bal}, and any BEQ of a register with itself or BLEZ of
     * $0. The words after its slot are not its path: walking them would compile code this entry never runs.
     */
    static boolean alwaysTaken(Op o, int word) {
        return switch (o) {
            case BEQ, BEQL -> Fields.rs(word) == Fields.rt(word);
            case BGEZ, BGEZL, BGEZAL, BGEZALL, BLEZ, BLEZL -> Fields.rs(word) == 0;
            default -> false;
        };
    }

    /**
     * Discovers the region entered at page word {@code entry} of the page at {@code pageVa}. Only page words
     * in [{@code from}, {@code to}) may be translated (the caller's words end there). {@code seeds}: the
     * page's block starts seen so far, for the JR inline cache.
     */
    static RegionShape discover(long pageVa, int[] page, int from, int to, int entry, int[] seeds, int cap,
                                boolean timed) {
        boolean[] banned = new boolean[1024];
        while (true) {
            Walk wk = new Walk(pageVa, page, from, to, cap, timed, banned);
            wk.run(entry, seeds);
            int bad = -1;
            for (int w = 0; w < 1024 && bad < 0; w++) if (wk.leader[w] && wk.slot[w]) bad = w;
            if (bad < 0) return new RegionShape(entry, wk.in, wk.leader, wk.slot, wk.cont, page, wk.indirect);
            banned[bad] = true; // a target in some branch's delay slot: a transfer there leaves the region
        }
    }

    /**
     * One pass of discovery, breadth first over basic blocks, the code seen executed before the rest (so
     * the cap keeps the hot code nearest the entry); repeated without the targets found to be delay slots.
     */
    private static final class Walk {
        final boolean[] in = new boolean[1024], leader = new boolean[1024], slot = new boolean[1024],
                cont = new boolean[1024];
        private final long pageVa;
        private final int[] page;
        private final int from, to, cap;
        private final boolean timed;
        private final boolean[] banned;
        /**
         * Page words to walk from: block starts, and (negated, minus one) the fall-through after a branch; those
         * seen executed ({@code seen}: the page's block starts with heat) before the others.
         */
        private final ArrayDeque<Integer> work = new ArrayDeque<>(), cold = new ArrayDeque<>();
        private final boolean[] seen = new boolean[1024];
        /** Return points of the region's calls (the instruction after a linking branch's slot). */
        private final ArrayDeque<Integer> returns = new ArrayDeque<>();
        private int[] seeds;
        private int count, entry;
        boolean indirect;

        Walk(long pageVa, int[] page, int from, int to, int cap, boolean timed, boolean[] banned) {
            this.pageVa = pageVa;
            this.page = page;
            this.from = from;
            this.to = to;
            this.cap = cap;
            this.timed = timed;
            this.banned = banned;
        }

        private int kind(int w) {
            return w >= from && w < to ? kindOf(Decoder.decode(page[w]).ordinal(), page[w], timed) : STOP;
        }

        void run(int entry, int[] seeds) {
            this.entry = entry;
            this.seeds = timed ? new int[0] : seeds;
            for (int w : seeds) seen[w] = true;
            leader[entry] = true;
            work.add(entry);
            while (!work.isEmpty() || !cold.isEmpty()) {
                int w = work.isEmpty() ? cold.poll() : work.poll();
                if (w >= 0) walk(w, true); else walk(-w - 1, false);
            }
        }

        /** Queues a walk from page word w ({@code item}: w, or the fall-through marker), seen code first. */
        private void queue(int w, int item) {
            (seen[w] ? work : cold).add(item);
        }

        /** A block start at {@code s}, unless it cannot be one. */
        private void target(int s) {
            if (s < 0 || banned[s] || leader[s]) return;
            if (timed && s != entry) return; // timed regions: one path, looping back to the entry at most
            if (kind(s) == STOP) return;
            leader[s] = true;
            if (!in[s]) queue(s, s);
        }

        /**
         * The first JR/JALR at page word {@code jr}: the return points found so far, then the page's hot block
         * starts nearest to it first (a jump table's cases usually follow their JR), become blocks.
         */
        private void indirect(int jr) {
            indirect = true;
            for (int r : returns) target(r);
            Integer[] near = new Integer[seeds.length];
            for (int i = 0; i < near.length; i++) near[i] = seeds[i];
            java.util.Arrays.sort(near, (a, b) -> Integer.compare(Math.abs(a - jr), Math.abs(b - jr)));
            for (int s : near) target(s);
        }

        /**
         * Walks straight on from {@code s} (a block start, or the fall-through after a conditional branch's
         * slot when not {@code start}) to the end of a basic block: a branch and its slot, the end of the
         * block, or code already walked (a join: a block starts there).
         */
        private void walk(int s, boolean start) {
            int w = s;
            while (true) {
                if (in[w]) { // joined code already walked: a block starts there
                    if (w != s || !start) leader[w] = true;
                    return;
                }
                if (count >= cap) return;
                int k = kind(w);
                if (k == STOP) return;
                if (k == BRANCH) {
                    if (w + 1 >= to || in[w + 1]) return; // the slot is beyond the words, or already walked
                    int sk = kind(w + 1);
                    if (sk != PLAIN && sk != CALL) return;
                    Op o = Decoder.decode(page[w]);
                    in[w] = in[w + 1] = slot[w + 1] = cont[w] = true;
                    count += 2;
                    int ef = o.effects;
                    boolean always = alwaysTaken(o, page[w]);
                    boolean jump = (ef & Effects.JUMP) != 0 || always, likely = (ef & Effects.LIKELY) != 0;
                    target(staticTarget(w, page[w], o, pageVa));
                    if ((ef & Effects.WRITES_RA) != 0 && w + 2 < 1024) {
                        if (indirect) target(w + 2); else returns.add(w + 2);
                    }
                    if ((o == Op.JR || o == Op.JALR) && !indirect) indirect(w);
                    if (likely && !always && w + 2 < 1024) target(w + 2); // annulled: on after the slot
                    if (jump || likely || w + 2 >= 1024) return;
                    cont[w + 1] = true;
                    queue(w + 2, -(w + 2) - 1); // the fall-through, in its turn
                    return;
                }
                in[w] = true;
                count++;
                if (w + 1 >= 1024) return;
                // A kernel instruction ends the region, or the region may go on after it (KernelOpEmitter.goesOn).
                if (k == KERNEL && !KernelOpEmitter.goesOn(Decoder.decode(page[w]).ordinal(), pageVa, timed)) return;
                cont[w] = true;
                w++;
            }
        }
    }
}
