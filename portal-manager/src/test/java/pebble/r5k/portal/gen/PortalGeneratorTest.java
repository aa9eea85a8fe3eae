package pebble.r5k.portal.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.isa.Reg.*;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import pebble.r5k.emit.Fixup;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Fields;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;
import pebble.r5k.portal.spec.PortalSpec;

/** Structural checks of the generated portal code, for the paper's specs and random valid ones. */
class PortalGeneratorTest {
    @Test void everySpecGeneratesRealInstructionsEndingInEret() {
        for (String s : GeneratedCode.specs()) {
            var t = GeneratedCode.generate(s);
            for (PortalCode c : new PortalCode[] {t.call(), t.ret()}) {
                assertTrue(c.instructionCount() > 0, s);
                for (int w : c.words()) {
                    Op op = Decoder.decode(w);
                    assertEquals(OpKind.REAL, op.kind, s + ": " + Integer.toHexString(w));
                    assertFalse(op == Op.RESERVED, s);
                }
                assertTrue(PathLength.fallThrough(c) > 0, s + " reaches its eret");
            }
        }
    }

    @Test void noBackwardBranch() {
        for (String s : GeneratedCode.specs()) {
            var t = GeneratedCode.generate(s);
            for (PortalCode c : new PortalCode[] {t.call(), t.ret()}) {
                int[] words = c.words();
                for (int i = 0; i < words.length; i++) {
                    Op op = Decoder.decode(words[i]);
                    if (op.has(Effects.BRANCH)) {
                        assertTrue(Fields.simm(words[i]) >= 0, s + ": backward branch at " + 4 * i);
                    }
                    // the only jumps are the failed-check exits into the nucleus, after the eret
                    if (op == Op.J || op == Op.JR || op == Op.JAL || op == Op.JALR) {
                        assertTrue(i > eretIndex(words), s + ": jump at " + 4 * i + " before the eret");
                    }
                }
            }
        }
    }

    @Test void everyCheckComesBeforeThePointOfNoReturn() {
        for (String s : GeneratedCode.specs()) {
            PortalCode call = GeneratedCode.generate(s).call();
            int[] words = call.words();
            int commit = call.commitOffset() / 4;
            assertTrue(commit > 0, s + " has checks");
            for (int i = 0; i < words.length; i++) {
                Op op = Decoder.decode(words[i]);
                if (i < commit) {
                    assertFalse(op.has(Effects.STORE), s + ": store before the point of no return at " + 4 * i);
                    assertFalse(op == Op.MTC0 || op == Op.TLBWI || op == Op.TLBWR || op == Op.ERET, s + ": CP0 write before the commit at " + 4 * i);
                } else if (i <= eretIndex(words)) {
                    assertFalse(op.has(Effects.BRANCH), s + ": a check after the point of no return at " + 4 * i);
                }
            }
        }
    }

    @Test void partialSaveSavesAndRestoresExactlyTheCalleeSavedRegisters() {
        Set<Integer> expected = new TreeSet<>(Set.of(S0, S1, S2, S3, S4, S5, S6, S7, FP, GP, RA));
        for (String s : GeneratedCode.specs()) {
            var t = GeneratedCode.generate(s);
            boolean partial = s.charAt(1) == 'p';
            Set<Integer> saved = userRegistersMovedThroughFrame(t.call(), Op.SW);
            Set<Integer> restored = userRegistersMovedThroughFrame(t.ret(), Op.LW);
            assertEquals(partial ? expected : Set.of(), saved, s + " saves");
            assertEquals(partial ? expected : Set.of(), restored, s + " restores");
        }
    }

    /** Registers other than $sp stored to / loaded from the frame ($k0-relative) that a user program owns. */
    private static Set<Integer> userRegistersMovedThroughFrame(PortalCode c, Op op) {
        Set<Integer> regs = new TreeSet<>();
        Set<Integer> scratch = Set.of(ZERO, AT, V1, T4, T5, T6, T7, T8, T9, K0, K1, SP, A1, A0, A2, A3, T0, T1, T2, T3);
        for (int w : c.words()) {
            if (Decoder.decode(w) == op && Fields.rs(w) == K0 && !scratch.contains(Fields.rt(w))) regs.add(Fields.rt(w));
        }
        return regs;
    }

    @Test void callWritesOnlyScratchArgumentAndEntryRegisters() {
        for (String s : GeneratedCode.specs()) {
            PortalSpec spec = GeneratedCode.generate(s).spec();
            var t = GeneratedCode.generate(s);
            Set<Integer> allowed = new TreeSet<>(Set.of(K0, AT, V1, T4, T5, T6, T7, T8, T9, RA, ZERO));
            if (spec.hasNewStack()) allowed.add(SP);
            for (int i = 0; i < spec.arguments().size(); i++) {
                switch (spec.arguments().get(i)) {
                    case CONSTANT, OWN_INDEX -> allowed.add(PortalSpec.argumentRegister(i));
                    default -> { }
                }
            }
            for (int w : t.call().words()) {
                int r = GeneratedCode.writtenRegister(w);
                if (r >= 0) assertTrue(allowed.contains(r), s + " call writes $" + pebble.r5k.isa.Reg.name(r));
            }
            // the return keeps $v0/$v1 (the callee's results) and the argument registers
            Set<Integer> retAllowed = new TreeSet<>(Set.of(AT, T4, T5, T6, T7, T8, T9, SP, ZERO));
            if (spec.savesCalleeSaved()) retAllowed.addAll(Set.of(S0, S1, S2, S3, S4, S5, S6, S7, FP, GP, RA));
            for (int w : t.ret().words()) {
                int r = GeneratedCode.writtenRegister(w);
                if (r >= 0) assertTrue(retAllowed.contains(r), s + " return writes $" + pebble.r5k.isa.Reg.name(r));
            }
        }
    }

    @Test void hiLoPairsRebuildTheInstallTimeValue() {
        PortalValues v = new PortalValues(0x80017ff8L, 0x8001_8000L, 7, 0x0040_8ffcL, 0xdead_beefL, 21,
                0, 0x8000_fff0L, 0x8000_0400L, 0x8000_0440L);
        for (String s : GeneratedCode.PAPER_SPECS) {
            var t = GeneratedCode.generate(s);
            long base = 0x8010_0000L;
            int[] words = t.install(v, base);
            PortalValues used = v.withReturnPortal(base + t.call().bytes().length);
            checkPairs(t.call(), words, 0, used, s);
            checkPairs(t.ret(), words, t.call().instructionCount(), used, s);
        }
    }

    /** Every %hi fixup followed (in the same register) by its %lo rebuilds value + addend as the CPU computes it. */
    private static void checkPairs(PortalCode c, int[] all, int firstWord, PortalValues v, String s) {
        for (Fixup hi : c.fixups()) {
            if (hi.reloc() != Reloc.HI16) continue;
            PortalSymbol sym = (PortalSymbol) hi.target();
            Fixup lo = c.fixups().stream().filter(f -> f.reloc() == Reloc.LO16 && f.target().equals(sym) && f.offset() > hi.offset())
                    .findFirst().orElseThrow();
            int hiWord = all[firstWord + hi.offset() / 4], loWord = all[firstWord + lo.offset() / 4];
            long rebuilt = ((long) Fields.uimm(hiWord) << 16) + Fields.simm(loWord);
            assertEquals((v.get(sym.value()) + sym.addend()) & 0xFFFFFFFFL, rebuilt & 0xFFFFFFFFL, s + " " + sym);
        }
    }

    @Test void ownIndexAndAsidLandInTheirFields() {
        PortalValues v = new PortalValues(0x80010000L, 0x80020000L, 9, 0x400000L, 0, 23, 0, 0x80030000L, 0x80000400L, 0x80000440L);
        var t = GeneratedCode.generate("sm=i");
        int[] words = t.install(v, 0x80100000L);
        boolean sawIndex = false, sawAsid = false;
        for (int w : words) {
            if (Decoder.decode(w) == Op.ORI && Fields.rs(w) == ZERO && Fields.rt(w) == A0) sawIndex |= Fields.uimm(w) == 23;
            if (Decoder.decode(w) == Op.ORI && Fields.rs(w) == ZERO && Fields.rt(w) == AT) sawAsid |= Fields.uimm(w) == 9;
        }
        assertTrue(sawIndex, "li a0, 23");
        assertTrue(sawAsid, "li at, 9 (the callee's ASID)");
    }

    private static int eretIndex(int[] words) {
        for (int i = 0; i < words.length; i++) if (Decoder.decode(words[i]) == Op.ERET) return i;
        throw new AssertionError("no eret");
    }
}
