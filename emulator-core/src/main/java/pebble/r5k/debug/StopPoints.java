package pebble.r5k.debug;

import pebble.r5k.cpu.Cpu;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * gdb's breakpoints and watchpoints (Z/z packets), checked before each instruction. Software and hardware
 * breakpoints are the same thing here: the stub never writes a break instruction into guest memory, it
 * compares the PC. A watchpoint fires before the load or store that touches it executes, with the PC at that
 * instruction, as MIPS hardware watchpoints do (WatchLo/WatchHi trap before the access): gdb's MIPS target
 * expects this ("non-steppable" watchpoints), removes the watchpoint, steps over the access and compares.
 * The access is found by decoding the instruction at the PC (and the delay slot of a branch there, see
 * {@link #watchHit}) and adding base and offset (or index) as the CPU will; the watched range matches if it overlaps the naturally aligned unit the instruction reads or
 * writes (for LWL/LWR/SWL/SWR/LDL/LDR/SDL/SDR, the word or doubleword containing the address).
 */
final class StopPoints {
    static final int WRITE = 2, READ = 3, ACCESS = 4;

    private record Watch(int kind, long addr, long len, long gdbAddr) {}

    private long[] breaks = new long[8];
    private int breakCount;
    private final List<Watch> watches = new ArrayList<>();

    void addBreak(long pc) {
        if (hasBreak(pc)) return;
        if (breakCount == breaks.length) breaks = java.util.Arrays.copyOf(breaks, breakCount * 2);
        breaks[breakCount++] = pc;
    }

    void removeBreak(long pc) {
        for (int i = 0; i < breakCount; i++) {
            if (breaks[i] == pc) {
                breaks[i] = breaks[--breakCount];
                return;
            }
        }
    }

    boolean hasBreak(long pc) {
        for (int i = 0; i < breakCount; i++) if (breaks[i] == pc) return true;
        return false;
    }

    /** {@code gdbAddr}: the address as gdb sent it, given back in the stop reply. */
    void addWatch(int kind, long addr, long len, long gdbAddr) {
        watches.add(new Watch(kind, addr, len, gdbAddr));
    }

    void removeWatch(int kind, long addr, long len) {
        watches.removeIf(w -> w.kind == kind && w.addr == addr && w.len == len);
    }

    void clear() {
        breakCount = 0;
        watches.clear();
    }

    /**
     * The stop reply when the instruction at the PC, or the delay slot of a branch there, is about to access
     * a watched address ({@code T05watch:}, {@code rwatch:} or {@code awatch:} with the watchpoint's address),
     * else null. The slot's address is computed before the branch runs; a branch that links ($ra) is never
     * the base of its own slot's access in compiled code. An annulled branch-likely slot may report an
     * access that does not happen: gdb compares the value and goes on for {@code watch}.
     */
    String watchHit(Cpu c, DebugMemory mem) {
        if (watches.isEmpty()) return null;
        Integer word = mem.read32(c.pc);
        if (word == null) return null;
        Op op = Decoder.decode(word);
        if ((op.effects & Effects.DELAY_SLOT) != 0) {
            Integer slot = mem.read32(c.pc + 4);
            return slot == null ? null : accessHit(c, Decoder.decode(slot), slot);
        }
        return accessHit(c, op, word);
    }

    private String accessHit(Cpu c, Op op, int w) {
        boolean load = (op.effects & Effects.LOAD) != 0, store = (op.effects & Effects.STORE) != 0;
        if (!load && !store) return null;
        int size = accessSize(op);
        long base = c.gpr[(w >>> 21) & 31];
        boolean indexed = op == Op.LWXC1 || op == Op.LDXC1 || op == Op.SWXC1 || op == Op.SDXC1; // index(base)
        long ea = indexed ? base + c.gpr[(w >>> 16) & 31] : base + (short) w;
        long lo = ea & -size, hi = lo + size;
        for (Watch x : watches) {
            boolean kindMatches = x.kind == ACCESS || (x.kind == WRITE ? store : load);
            if (kindMatches && x.addr < hi && lo < x.addr + x.len) {
                String name = x.kind == WRITE ? "watch" : x.kind == READ ? "rwatch" : "awatch";
                return "T05" + name + ":" + Long.toHexString(x.gdbAddr) + ";";
            }
        }
        return null;
    }

    /** Bytes a load or store moves (the aligned unit for the unaligned-access instructions). */
    static int accessSize(Op op) {
        return switch (op) {
            case LB, LBU, SB -> 1;
            case LH, LHU, SH -> 2;
            case LD, SD, LDL, LDR, SDL, SDR, LLD, SCD, LDC1, SDC1, LDC2, SDC2, LDXC1, SDXC1 -> 8;
            default -> 4;
        };
    }
}
