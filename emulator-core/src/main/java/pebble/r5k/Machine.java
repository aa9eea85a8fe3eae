package pebble.r5k;

import pebble.r5k.board.BootRom;
import pebble.r5k.board.P5064Board;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.HaltReason;
import pebble.r5k.cpu.Interpreter;
import pebble.r5k.cpu.RetireListener;
import pebble.r5k.isa.Reg;
import pebble.r5k.mem.PhysicalMemory;

import pebble.r5k.cache.CoherenceChecker;
import pebble.r5k.cache.MemorySystem;
import pebble.r5k.timing.Scoreboard;
import pebble.r5k.timing.Stats;
import pebble.r5k.timing.TimingTable;
import pebble.r5k.timeline.Timeline;

import java.io.InputStream;
import java.util.function.Consumer;
import java.io.OutputStream;

/**
 * One emulated P-5064 with its R5000: the board, the CPU and the interpreter wired together. This is the
 * API tests, benchmarks and the CLI use to run guest code; {@link pebble.r5k.image.GuestImage#loadInto} puts
 * an ELF image or assembled program into it as the boot monitor would.
 */
public final class Machine {
    /** Default RAM of the Pebble board (hardware reference §4.1: the Pebble P-5064 had 64 MB). */
    public static final long DEFAULT_RAM_BYTES = 64L << 20;

    private final P5064Board board;
    private final Cpu cpu;
    private final Interpreter interpreter;
    private Stats stats;
    private MemorySystem memory;
    private CoherenceChecker checker;

    private Machine(P5064Board board) {
        this.board = board;
        this.cpu = new Cpu(board.bus());
        board.attach(cpu);
        this.interpreter = new Interpreter(cpu, DEFAULT_TRANSLATE_AFTER);
        TimingTable t = TimingTable.defaults();
        this.stats = new Stats(t, new Scoreboard(t), null, cpu);
        cpu.stats = stats; // per-ASID figures in functional mode too (EntryHi writes switch the ASID)
        installMonitorVectors();
    }

    /**
     * RAM exception vectors (BEV = 0) as a boot monitor leaves them before it loads an image: each jumps to the
     * matching stub of the boot ROM, which halts the run and names the exception (P5064Board). An image that
     * handles exceptions overwrites them, by loading over them or by copying its own handlers there.
     * Offsets: RAM vector → ROM stub (refill 0x000 → 0x200, XTLB 0x080 → 0x280, cache error 0x100 → 0x300,
     * general 0x180 → 0x380, interrupt with Cause.IV 0x200 → 0x400).
     */
    private void installMonitorVectors() {
        if (cpu.ram.sizeBytes < 0x220) return;
        for (int v = 0; v < BootRom.EXCEPTION_VECTORS.length; v++) {
            int ramVector = v == 4 ? 0x200 : v * 0x80;
            int romStub = BootRom.EXCEPTION_VECTORS[v];
            int[] jump = {
                0x3C1ABFC0,                 // lui  k0, 0xbfc0
                0x375A0000 | romStub,       // ori  k0, k0, romStub
                0x03400008,                 // jr   k0
                0x00000000,                 // nop
            };
            for (int i = 0; i < jump.length; i++) cpu.ram.write32(ramVector + 4L * i, jump[i]);
        }
    }

    /**
     * Turns on the cycle-accurate model with {@code table} (hardware reference §1-§2): functional,
     * data-holding L1 I/D caches, the tags-only L2, interlocks and stalls. Without this call the machine runs
     * functionally (one cycle per instruction, memory always coherent). Call before the first {@link #run};
     * {@code coherenceSink}, when not null, receives {@code --check-coherence} diagnostics.
     */
    public void enableTiming(TimingTable table, Consumer<String> coherenceSink) {
        enableTiming(table, coherenceSink, translateAfter);
    }

    private int translateAfter = DEFAULT_TRANSLATE_AFTER;

    /**
     * Translate a block to JVM bytecode after {@code n} executions (docs/translator.md), 0 never; for the
     * functional mode now, and for the timing model if it is enabled later. Results and cycles do not change.
     */
    public void setTranslateAfter(int n) {
        if (n < 0 || n > Short.MAX_VALUE) throw new IllegalArgumentException("translation threshold must be 0..32767: " + n);
        translateAfter = n;
        if (!interpreter.timingEnabled()) interpreter.setTranslateAfter(n);
    }

    /** Executions of a block before it is translated, by default (docs/translator.md). */
    public static final int DEFAULT_TRANSLATE_AFTER = 50;

    /**
     * Turns the timing model on. {@code translateAfter}: a block executed that many times is translated to
     * JVM bytecode (docs/translator.md), which gives the same cycles and results as the loop, faster;
     * 0 runs every instruction in the loop.
     */
    public void enableTiming(TimingTable table, Consumer<String> coherenceSink, int translateAfter) {
        Scoreboard sb = new Scoreboard(table);
        memory = new MemorySystem(table, cpu.ram, sb);
        if (coherenceSink != null) {
            checker = new CoherenceChecker(cpu.ram, () -> cpu.pc, coherenceSink);
            memory.checker = checker;
        }
        boolean perAsid = stats.tracksAsids(); // (a request made before timing was turned on carries over)
        stats = new Stats(table, sb, memory, cpu);
        if (perAsid) stats.trackAsids();
        cpu.stats = stats;
        interpreter.enableTiming(table, sb, memory, stats, checker, translateAfter);
    }

    public boolean timingEnabled() { return interpreter.timingEnabled(); }

    /** Regions translated, dropped (stale code) and refused so far (docs/translator.md). */
    public long[] translationCounts() { return interpreter.translationCounts(); }

    /**
     * Instructions retired so far inside translated regions (docs/translator.md), for the benchmarks'
     * coverage figure. Not a statistic: --stats-json is the same with and without translation.
     */
    public long translatedInstructions() { return interpreter.translatedInstructions(); }

    /** Calls of translated regions (host-side, never in --stats-json): with the above, instructions per call. */
    public long regionCalls() { return interpreter.regionCalls(); }

    /** Statistics of the run so far (stall and cache figures are zero in functional mode). */
    public Stats stats() { return stats; }

    /**
     * Keeps the statistics per ASID ({@link Stats#trackAsids}), now and after {@link #enableTiming}; without it
     * {@link #stats} has the totals only. Call it before the run.
     */
    public void trackStatsPerAsid() {
        stats.trackAsids();
    }

    /** The cache hierarchy, or null in functional mode. */
    public MemorySystem memory() { return memory; }

    /** The {@code --check-coherence} checker, or null. */
    public CoherenceChecker coherenceChecker() { return checker; }

    public static Machine create(boolean bigEndian, long ramBytes, OutputStream console, InputStream consoleIn) {
        return new Machine(new P5064Board(ramBytes, bigEndian, console, consoleIn));
    }

    public Cpu cpu() { return cpu; }
    public P5064Board board() { return board; }
    public PhysicalMemory ram() { return cpu.ram; }

    /**
     * Copies instruction or data words to a KSEG0/KSEG1 (or CKSEG, sign-extended) virtual address. Words are
     * values as a 32-bit load would return them, so this works the same in both endiannesses.
     */
    public void writeWords(long vaddr, int[] words) {
        long pa = kernelPhysical(vaddr);
        if (!cpu.ram.contains(pa, 4L * words.length)) {
            throw new IllegalArgumentException(String.format("0x%x..+%d is outside RAM", vaddr, 4 * words.length));
        }
        for (int i = 0; i < words.length; i++) {
            cpu.ram.write32(pa + 4L * i, words[i]);
            cpu.codeInvalidator.stored(pa + 4L * i); // the fetch caches predecoded words (CodeCache)
        }
    }

    /** Physical address of an unmapped kernel address (KSEG0/KSEG1, 32-bit sign-extended). */
    public static long kernelPhysical(long vaddr) {
        vaddr = canonical(vaddr);
        int a = (int) vaddr;
        if ((long) a != vaddr || (a >>> 30) != 2) {
            throw new IllegalArgumentException(String.format("0x%x is not a KSEG0/KSEG1 address", vaddr));
        }
        return a & 0x1FFFFFFFL;
    }

    /** Puts the CPU in the bare-image reset state (docs/reset-state.md) with PC = entry. */
    public void start(long entryPc) {
        cpu.resetForImage(canonical(entryPc));
    }

    /** {@link #startImage(long, boolean, boolean)} for an o32 image (FR = 0). */
    public void startImage(long entryPc, boolean mapKuseg) {
        startImage(entryPc, mapKuseg, false);
    }

    /**
     * The state a boot monitor leaves for an image it starts (docs/reset-state.md): the reset state plus
     * $sp at the top of RAM (KSEG0), $t9 = entry (the MIPS ABI's call register, which PIC entry code uses to
     * find $gp), $ra = the ROM's return-to-monitor stub, the FPU enabled (Status.CU1 = 1, as for any process
     * a MIPS OS starts: gcc's default -mhard-float code uses it freely) with Status.FR = 1 for the 64-bit
     * ABIs (n32, n64) and 0 for o32, and, when the image lives in kuseg, wired TLB entries mapping kuseg onto
     * RAM from {@link #KUSEG_PHYS_BASE} up.
     */
    public void startImage(long entryPc, boolean mapKuseg, boolean fr64) {
        start(entryPc);
        long[] r = cpu.gpr;
        r[Reg.SP] = canonical(0x80000000L + cpu.ram.sizeBytes - STACK_TOP_GAP);
        r[Reg.T9] = canonical(entryPc);
        r[Reg.RA] = canonical(0xA0000000L | (BootRom.BASE + BootRom.RETURN_STUB));
        cpu.cp0.status |= Cp0Reg.SR_CU1 | (fr64 ? Cp0Reg.SR_FR : 0);
        if (mapKuseg) mapKusegIdentity();
    }

    /** Bytes left free above the initial stack pointer (an o32 caller's argument save area and then some). */
    static final long STACK_TOP_GAP = 64;

    /**
     * Physical address where kuseg address 0 lives for kuseg-linked images. Not 0: the low 4 MB hold the RAM
     * exception vectors (0x80000000..0x80000200), which a PIE linked at 0 would otherwise overwrite.
     */
    public static final long KUSEG_PHYS_BASE = 4L << 20;
    /** 4 MB pages (PageMask 0x7FE000): the smallest size for which 64 MB needs only 8 wired pairs. */
    private static final long KUSEG_PAGE = 4L << 20;
    private static final int KUSEG_PAGE_MASK = 0x7FE000;

    /**
     * Wired TLB entries mapping kuseg [0, RAM - 4 MB) onto physical [4 MB, RAM), cacheable write-back, global,
     * writable. A page that would lie past the end of RAM is left invalid, so touching it is a TLB fault.
     */
    private void mapKusegIdentity() {
        long span = cpu.ram.sizeBytes - KUSEG_PHYS_BASE;
        int entries = (int) ((span + 2 * KUSEG_PAGE - 1) / (2 * KUSEG_PAGE));
        for (int i = 0; i < entries; i++) {
            long va = i * 2 * KUSEG_PAGE;
            cpu.tlb.write(i, KUSEG_PAGE_MASK, va, kusegEntryLo(va), kusegEntryLo(va + KUSEG_PAGE));
        }
        cpu.cp0.wired = entries;
        cpu.mmu.tlbChanged();
    }

    private long kusegEntryLo(long va) {
        long pa = va + KUSEG_PHYS_BASE;
        boolean inRam = pa + KUSEG_PAGE <= cpu.ram.sizeBytes;
        return ((pa >>> 12) << 6) | (3 << 3) | (inRam ? 0x6 : 0) | 0x1;   // PFN, C = 3 (write-back), D, V, G
    }

    /** A 32-bit address written zero-extended (0x80001000) means its sign-extended form in 64-bit registers. */
    public static long canonical(long vaddr) {
        return (vaddr >>> 32) == 0 ? (long) (int) vaddr : vaddr;
    }

    /**
     * Records this machine's exceptions, ERETs, ASID changes, TLB refills, cache misses and guest markers
     * into {@code t} from now on ({@code --timeline}, docs/debugging.md); call after {@link #enableTiming}.
     * Changes no cycle. The caller closes {@code t} when the run ends.
     */
    public void setTimeline(Timeline t) {
        cpu.timeline = t;
        board.simControl().setMarkerListener(t);
        if (t != null) t.attach(cpu, memory, board.cpuHz());
    }

    public void setTraceListener(RetireListener listener) {
        interpreter.setListener(listener);
    }

    /**
     * Attaches a debugger (pebble.r5k.debug's gdb stub), null to detach: {@link #run} then also returns when
     * the hook stops it, with the machine not halted and {@link RunResult#halted} false.
     */
    public void setDebugHook(pebble.r5k.cpu.DebugHook hook) {
        interpreter.setDebugHook(hook);
    }

    /** Runs until the guest halts or {@code maxCycles} cycles have passed in total. */
    public RunResult run(long maxCycles) {
        interpreter.run(maxCycles);
        board.flush();
        return cpu.halted
                ? new RunResult(cpu.exitStatus, true, cpu.haltReason, cpu.haltDetail, cpu.cycle, cpu.instret)
                : new RunResult(Cpu.NO_STATUS, false, HaltReason.CYCLE_LIMIT, "cycle limit reached", cpu.cycle, cpu.instret);
    }

    /**
     * How a run ended: {@code reason} says why (the CLI's exit code follows it), {@code detail} says it in words;
     * {@code exitStatus} is the guest's 0..255 status for {@link HaltReason#GUEST_EXIT}, the boot ROM stub's
     * status for the stub reasons, {@link Cpu#NO_STATUS} otherwise.
     */
    public record RunResult(int exitStatus, boolean halted, HaltReason reason, String detail, long cycles, long instructions) {}
}
