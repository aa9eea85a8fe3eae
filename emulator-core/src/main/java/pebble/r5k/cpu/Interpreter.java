package pebble.r5k.cpu;

import pebble.r5k.fpu.FpuOps;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;

import static pebble.r5k.isa.OpId.*;

/**
 * The interpreter loop: fetch a predecoded instruction, dispatch it through one switch over {@link Op}
 * (one call per arm, so the method stays small enough for C2), advance the PC through delay slots.
 * Events, interrupts, WAIT and halting are handled in a slow path entered only when
 * {@code cpu.cycle >= cpu.nextEventAt}, so the common path is a fetch, a switch and a counter update.
 */
public final class Interpreter implements FetchWindow {
    private final Cpu c;
    private final CodeCache code;
    /** RAM's word array (final in PhysicalMemory), read when a fetched word is decoded. */
    private final int[] words;
    /** Observes retired instructions (tracing); null when nobody listens. */
    private RetireListener listener;
    /** The cycle-accurate loop; null in functional mode (--no-timing). */
    private TimedCore timed;
    /** Functional mode: translated regions (docs/translator.md); null when translation is off. */
    private RegionCache regions;
    /** A debugger (gdb stub); null when none is attached. Its loop is {@link #runDebug}. */
    private DebugHook debug;
    /** Set when {@link #debug} stopped the run; {@link #run} returns at once and clears it. */
    private boolean debugStopped;

    // The fetch window: the 4 KB virtual page of the PC and its predecoded instructions.
    // Reset by invalidateFetch on every MMU flush, so the fetch check is one compare of the PC.
    private long fetchVPage = -1;
    /**
     * Predecoded entries of the page ({@link CodeCache}): Op ordinal << 32 | word; -1 = not decoded yet.
     * {@link #NO_PAGE} while there is no window: an unaligned PC such as 0xffffffff matches fetchVPage = -1
     * under the fetch mask, and finds NO_PAGE's -1 instead of a stale page's instruction.
     */
    private long[] fetchOps = NO_PAGE;
    /** fetchOps when fetchVPage = -1 (no window, or a fetch outside RAM); never written. */
    private static final long[] NO_PAGE = filled();

    private static long[] filled() {
        long[] a = new long[1024];
        java.util.Arrays.fill(a, -1L);
        return a;
    }
    private int fetchWordBase;

    public Interpreter(Cpu c) {
        this(c, 0);
    }

    /** {@code translateAfter}: functional mode translates a block after that many executions (0: never). */
    public Interpreter(Cpu c, int translateAfter) {
        this.c = c;
        this.code = new CodeCache(c);
        this.words = c.ram.words;
        c.codeInvalidator = code;
        c.mmu.fetchWindow = this;
        setTranslateAfter(translateAfter);
    }

    /** Functional mode: translate a block to bytecode after {@code n} executions; 0 turns translation off. */
    public void setTranslateAfter(int n) {
        regions = n > 0 ? new RegionCache(c.ram, null, new RegionCompiler(null), n) : null;
        RegionCache r = regions;
        c.codeInvalidator = r == null ? code : code.with(r);
    }

    @Override
    public void invalidateFetch() {
        fetchVPage = -1;
        fetchOps = NO_PAGE;
        if (timed != null) {
            timed.invalidateFetch(); // (the D-cache set filter: Mmu.dataFilterChanged)
        }
    }

    @Override
    public void mappingsChanged(boolean kernel) {
        if (!kernel || !Mmu.inKseg0(fetchVPage)) {
            fetchVPage = -1;
            fetchOps = NO_PAGE;
        }
        if (timed != null) {
            timed.mappingsChanged(kernel); // (the D-cache set filter: Mmu.dataFilterChanged)
        }
    }

    public void setListener(RetireListener listener) {
        this.listener = listener;
    }

    /** Attaches a debugger (null detaches): every instruction then runs in {@link #runDebug}. */
    public void setDebugHook(DebugHook hook) {
        this.debug = hook;
    }

    /**
     * Turns on the timing model: caches, interlocks and stalls (see {@link TimedCore}). Call before the
     * first {@link #run}; the caches start empty. {@code translateAfter}: translate a block to bytecode after that
     * many executions, 0 never (docs/translator.md; the same cycles, faster).
     */
    public void enableTiming(pebble.r5k.timing.TimingTable t, pebble.r5k.timing.Scoreboard sb,
                             pebble.r5k.cache.MemorySystem mem, pebble.r5k.timing.Stats stats,
                             pebble.r5k.cache.CoherenceChecker checker, int translateAfter) {
        mem.reset();
        sb.reset();
        mem.l2Enabled = (c.cp0.config & Cp0Reg.CONFIG_SE) != 0;
        c.memSys = mem;
        c.mmu.memorySystemAttached();
        c.cacheOp = new TimedCacheOps(mem);
        setTranslateAfter(0); // the functional regions are not used in timed mode
        timed = new TimedCore(c, t, sb, mem, stats, checker, translateAfter);
    }

    public boolean timingEnabled() { return timed != null; }

    /** Regions translated, dropped (stale code) and refused so far; all zero when translation is off. */
    public long[] translationCounts() {
        RegionCache r = timed == null ? regions : timed.regions();
        return r == null ? new long[3] : new long[] {r.compiled, r.dropped, r.refused};
    }

    /**
     * Instructions retired so far by translated regions (a host-side measure for the benchmarks: how much of
     * a run the translator covers; never part of the statistics, which do not depend on translation).
     */
    public long translatedInstructions() {
        return c.translatedRetired;
    }

    /** Calls of translated regions so far (host-side, like {@link #translatedInstructions}). */
    public long regionCalls() {
        return c.regionCalls;
    }

    /** Runs until the machine halts or {@code cpu.cycle} reaches {@code maxCycles}. */
    public void run(long maxCycles) {
        Cpu c = this.c;
        while (!c.halted && c.cycle < maxCycles) {
            if (c.cycle >= c.nextEventAt) {
                slowPath(maxCycles);
                if (c.halted || c.cycle >= maxCycles) break;
            }
            long limit = Math.min(maxCycles, c.nextEventAt);
            if (debug != null) {
                runDebug(limit);
                if (debugStopped) {
                    debugStopped = false;
                    return;
                }
            } else if (listener == null) {
                if (timed == null) runBurst(limit); else timed.runBurst(limit);
            } else {
                runTraced(limit);
            }
        }
    }

    /**
     * The loop while a debugger is attached: {@link #runTraced}'s, asking the hook before and after each
     * instruction. Returning to {@link #run} and entering it again later is what an uninterrupted run does
     * at the end of every burst, so a stop changes nothing the guest can see.
     */
    private void runDebug(long limit) {
        Cpu c = this.c;
        DebugHook d = debug;
        while (c.cycle < limit && c.cycle < c.nextEventAt) {
            if (d.stopBefore(c)) {
                debugStopped = true;
                return;
            }
            long pc = c.pc;
            long before = c.instret;
            int word = timed == null ? step(c) : timed.step(c);
            if (listener != null) {
                if (c.instret != before) listener.retired(pc, word); else listener.exception(pc);
            }
            if (d.stopAfter(c)) {
                debugStopped = true;
                return;
            }
        }
    }

    /**
     * The functional loop tests one bound per instruction: {@code nextEventAt} is lowered to
     * {@code limit} for the burst and restored after it, unless something asked for an event check
     * meanwhile ({@link Cpu#requestEventCheck} zeroes it, the only write during a burst).
     */
    private void runBurst(long limit) {
        Cpu c = this.c;
        long saved = c.nextEventAt;
        if (limit < saved) c.nextEventAt = limit;
        if (regions == null) exec(this, c, 0, 0); else runRegions(c);
        if (c.nextEventAt != 0) c.nextEventAt = saved;
    }

    /**
     * The functional loop with translation: at each block start in the fetch window a hot enough block runs
     * as a {@link Region}; other code runs one instruction at a time up to the next block start (after a
     * delay slot, or any jump in the PC). Bounded like {@link #exec} by {@code cycle < nextEventAt}.
     */
    private void runRegions(Cpu c) {
        Region prev = null; // the region that ran last, if nothing ran since (its successor links: Region.linked)
        while (c.cycle < c.nextEventAt) {
            long pc = c.pc;
            if (!c.inDelaySlot) {
                if (((pc ^ fetchVPage) & ~0xFFCL) != 0) windowQuietly(c, pc);
                // (pc & 3: fetchVPage = -1, no window, matches 0xffffffff and the other PCs ending in 3)
                if (((pc ^ fetchVPage) & ~0xFFCL) == 0 && (pc & 3) == 0) {
                    long pa = ((long) fetchWordBase << 2) | (pc & 0xFFC);
                    Region r = regions.after(prev, pc, pa);
                    if (r != null) {
                        r.run(null, c, Long.MAX_VALUE);
                        if (!r.boundMissed) {
                            prev = r;
                            continue;
                        }
                        // A group's bound check failed (Region.boundMissed): the loop below runs from here,
                        // and its bound stops at the exact instruction; the region would fail the same check.
                        r.boundMissed = false;
                    }
                }
            }
            prev = null;
            while (c.cycle < c.nextEventAt) {
                long before = c.pc;
                boolean slot = c.inDelaySlot;
                step(c);
                if (slot || (c.pc != before + 4 && !c.inDelaySlot)) break;
            }
        }
    }

    private void runTraced(long limit) {
        Cpu c = this.c;
        while (c.cycle < limit && c.cycle < c.nextEventAt) {
            long pc = c.pc;
            long before = c.instret;
            int word = timed == null ? step(c) : timed.step(c);
            if (c.instret != before) listener.retired(pc, word); else listener.exception(pc);
        }
    }

    /** Executes one instruction (or takes the fault of its fetch). Returns the instruction word. */
    private int step(Cpu c) {
        long pc = c.pc;
        // (NO_PAGE: no window, whatever the compare says: an unaligned PC matches fetchVPage = -1)
        if (((pc ^ fetchVPage) & ~0xFFCL) != 0 || fetchOps == NO_PAGE) {
            if (!refillFetch(c, pc)) {
                c.cycle++;
                return 0;
            }
            if (fetchOps == NO_PAGE) return stepUncachedIo(c, pc);
        }
        int idx = (int) (pc >>> 2) & 1023;
        long e = fetchOps[idx];
        if (e < 0) e = decodeInto(fetchOps, idx);
        int word = (int) e;
        retire(c, execute(c, (int) (e >>> 32), word));
        return word;
    }

    /** Executes the instruction {@code word} (Op ordinal {@code op}) and retires it as the functional loop does; returns its status. */
    static int executeAndRetire(Cpu c, int op, int word) {
        int status = executeKernelOp(c, op, word);
        retire(c, status);
        return status;
    }

    /**
     * The arms of {@link #exec}'s switch for the kernel instructions, which it hands here; translated regions,
     * which end at them ({@link KernelOpEmitter}), call this directly. A kernel path runs one every dozen
     * instructions or so, and entering exec's compiled code, the whole table with its callees inlined, cost
     * more than the small switch (FP branches, also region ends, go on to exec).
     */
    static int executeKernelOp(Cpu c, int id, int w) {
        return switch (id) {
            case MTC0 -> Cp0Ops.mtc0(c, w);
            case DMTC0 -> Cp0Ops.dmtc0(c, w);
            case TLBR -> Cp0Ops.tlbr(c, w);
            case TLBWI -> Cp0Ops.tlbwi(c, w);
            case TLBWR -> Cp0Ops.tlbwr(c, w);
            case TLBP -> Cp0Ops.tlbp(c, w);
            case ERET -> Cp0Ops.eret(c, w);
            case WAIT -> Cp0Ops.await(c, w);
            case CACHE -> Cp0Ops.cache(c, w);
            case SYNC -> Cp0Ops.nop(c, w);
            case SYSCALL -> TrapOps.syscall(c, w);
            case BREAK -> TrapOps.breakpoint(c, w);
            default -> execute(c, id, w);
        };
    }

    private static void retire(Cpu c, int status) {
        c.cycle++;
        if (status == Cpu.OK) {
            c.retireOk();
        } else {
            c.memFault = false; // an exception was entered; the PC is already at its vector
        }
    }

    /** Decodes word {@code idx} of the fetch window's page from RAM into its entry; returns the entry. */
    private long decodeInto(long[] ops, int idx) {
        int word = words[fetchWordBase + idx];
        long e = ((long) Decoder.decode(word).ordinal() << 32) | (word & 0xFFFFFFFFL);
        ops[idx] = e;
        return e;
    }

    /** Translates the PC's page; false when the fetch faulted (the exception has been entered). */
    private boolean refillFetch(Cpu c, long pc) {
        fetchVPage = -1;
        fetchOps = NO_PAGE;
        if ((pc & 3) != 0) {
            c.raiseAddressError(pc, false);
            c.memFault = false;
            return false;
        }
        long pa = c.mmu.translate(pc, Mmu.FETCH);
        if (pa < 0) {
            c.memFault = false;
            return false;
        }
        if (pa < c.ram.sizeBytes) {
            fetchOps = code.page(pa);
            fetchWordBase = (int) ((pa & ~0xFFFL) >>> 2);
            fetchVPage = pc & ~0xFFFL;
        }
        return true;
    }

    /**
     * The PC left the fetch window (a jump, an exception, ERET, a context change): moves the window to its
     * page when that fetch would not fault and is in RAM, so that a region there can be found; otherwise
     * leaves it, and the loop's fetch takes the fault or the uncached word.
     */
    private void windowQuietly(Cpu c, long pc) {
        if ((pc & 3) != 0) return;
        long pa = c.mmu.translateFetchQuietly(pc);
        if (pa < 0 || pa >= c.ram.sizeBytes) return;
        fetchOps = code.page(pa);
        fetchWordBase = (int) ((pa & ~0xFFFL) >>> 2);
        fetchVPage = pc & ~0xFFFL;
    }

    /** Fetch from outside RAM (boot ROM, or a bus error): decoded every time; a cold path. */
    private int stepUncachedIo(Cpu c, long pc) {
        long pa = c.mmu.translate(pc, Mmu.FETCH);
        int word = c.fetchIo(pa);
        if (c.memFault) {
            c.memFault = false;
            c.cycle++;
            return 0;
        }
        retire(c, execute(c, Decoder.decode(word).ordinal(), word));
        return word;
    }

    /** Timer, devices, interrupts, WAIT and halt: everything that is not an instruction. */
    private void slowPath(long maxCycles) {
        Cpu c = this.c;
        while (true) {
            c.cp0.serviceTimer();
            c.events.runUntil(c.cycle);
            if (c.halted) return;
            long next = Math.min(c.cp0.timerFireAt(), c.events.nextEventAt());
            if (c.interruptPending()) {
                if (c.waiting) {
                    // WAIT has retired; the interrupt returns to the instruction after it.
                    c.waiting = false;
                }
                long pc = c.pc;
                c.enter(ExcCode.INT, 0x180, 0);
                if (timed != null) timed.interruptTaken();
                if (listener != null) listener.exception(pc);
            }
            if (!c.waiting) {
                c.nextEventAt = next;
                return;
            }
            // WAIT: the pipeline stalls until an interrupt is pending (hardware reference §1.3).
            long resume = Idle.resumeAt(c, maxCycles);
            if (c.halted) return;
            if (resume >= maxCycles) {
                if (maxCycles > c.cycle) c.waitCycles += maxCycles - c.cycle;
                c.cycle = maxCycles;
                c.nextEventAt = next;
                return;
            }
            if (resume > c.cycle) {
                c.waitCycles += resume - c.cycle;
                c.cycle = resume;
            }
        }
    }

    private static final Op[] OPS = Op.values();

    /**
     * One switch over the whole table, by Op ordinal ({@link pebble.r5k.isa.OpId} constants: a dense
     * tableswitch on the predecoded int); one call per arm (keeps this method far below 8000 bytes).
     */
    static int execute(Cpu c, int id, int w) {
        return exec(null, c, id, w);
    }

    /**
     * The dispatch switch, and (when {@code it} is non-null) the functional loop around it: keeping the
     * loop and the switch in one method saves a call per instruction, and with it the spill and reload of
     * every value live across that call (HotSpot has no callee-saved registers). With {@code it == null}
     * it executes the one instruction {@code id}/{@code w} and returns its status (the timed loop, and
     * the functional slow fetch). The functional loop runs until {@code cycle} reaches {@code nextEventAt}
     * (see {@link #runBurst}) and returns 0.
     */
    private static int exec(Interpreter it, Cpu c, int id, int w) {
        while (true) {
            if (it != null) {
                if (c.cycle >= c.nextEventAt) return 0;
                long pc = c.pc;
                if (((pc ^ it.fetchVPage) & ~0xFFCL) != 0) {
                    it.step(c); // refill the fetch window (or fault, or fetch outside RAM)
                    continue;
                }
                // One load yields both the Op ordinal and the word (CodeCache).
                int idx = (int) (pc >>> 2) & 1023;
                long[] ops = it.fetchOps;
                long e = ops[idx];
                if (e < 0) {
                    if (ops == NO_PAGE) { // no window: an unaligned PC matched fetchVPage = -1; step takes its AdEL
                        it.step(c);
                        continue;
                    }
                    e = it.decodeInto(ops, idx);
                }
                id = (int) (e >>> 32);
                w = (int) e;
            }
            int status = switch (id) {
                case J -> BranchOps.j(c, w);
                case JAL -> BranchOps.jal(c, w);
                case BEQ -> BranchOps.beq(c, w);
                case BNE -> BranchOps.bne(c, w);
                case BLEZ -> BranchOps.blez(c, w);
                case BGTZ -> BranchOps.bgtz(c, w);
                case ADDI -> AluOps.addi(c, w);
                case ADDIU -> AluOps.addiu(c, w);
                case SLTI -> AluOps.slti(c, w);
                case SLTIU -> AluOps.sltiu(c, w);
                case ANDI -> AluOps.andi(c, w);
                case ORI -> AluOps.ori(c, w);
                case XORI -> AluOps.xori(c, w);
                case LUI -> AluOps.lui(c, w);
                case BEQL -> BranchOps.beql(c, w);
                case BNEL -> BranchOps.bnel(c, w);
                case BLEZL -> BranchOps.blezl(c, w);
                case BGTZL -> BranchOps.bgtzl(c, w);
                case DADDI -> AluOps.daddi(c, w);
                case DADDIU -> AluOps.daddiu(c, w);
                case LDL -> LoadStoreOps.ldl(c, w);
                case LDR -> LoadStoreOps.ldr(c, w);
                case LB -> LoadStoreOps.lb(c, w);
                case LH -> LoadStoreOps.lh(c, w);
                case LWL -> LoadStoreOps.lwl(c, w);
                case LW -> LoadStoreOps.lw(c, w);
                case LBU -> LoadStoreOps.lbu(c, w);
                case LHU -> LoadStoreOps.lhu(c, w);
                case LWR -> LoadStoreOps.lwr(c, w);
                case LWU -> LoadStoreOps.lwu(c, w);
                case SB -> LoadStoreOps.sb(c, w);
                case SH -> LoadStoreOps.sh(c, w);
                case SWL -> LoadStoreOps.swl(c, w);
                case SW -> LoadStoreOps.sw(c, w);
                case SDL -> LoadStoreOps.sdl(c, w);
                case SDR -> LoadStoreOps.sdr(c, w);
                case SWR -> LoadStoreOps.swr(c, w);
                case CACHE -> executeKernelOp(c, id, w);
                case LL -> LoadStoreOps.ll(c, w);
                case PREF -> Cp0Ops.nop(c, w);
                case LLD -> LoadStoreOps.lld(c, w);
                case LD -> LoadStoreOps.ld(c, w);
                case SC -> LoadStoreOps.sc(c, w);
                case SCD -> LoadStoreOps.scd(c, w);
                case SD -> LoadStoreOps.sd(c, w);
                case SLL -> ShiftOps.sll(c, w);
                case SRL -> ShiftOps.srl(c, w);
                case SRA -> ShiftOps.sra(c, w);
                case SLLV -> ShiftOps.sllv(c, w);
                case SRLV -> ShiftOps.srlv(c, w);
                case SRAV -> ShiftOps.srav(c, w);
                case JR -> BranchOps.jr(c, w);
                case JALR -> BranchOps.jalr(c, w);
                case MOVZ -> AluOps.movz(c, w);
                case MOVN -> AluOps.movn(c, w);
                case SYSCALL, BREAK, SYNC -> executeKernelOp(c, id, w);
                case MFHI -> MulDivOps.mfhi(c, w);
                case MTHI -> MulDivOps.mthi(c, w);
                case MFLO -> MulDivOps.mflo(c, w);
                case MTLO -> MulDivOps.mtlo(c, w);
                case DSLLV -> ShiftOps.dsllv(c, w);
                case DSRLV -> ShiftOps.dsrlv(c, w);
                case DSRAV -> ShiftOps.dsrav(c, w);
                case MULT -> MulDivOps.mult(c, w);
                case MULTU -> MulDivOps.multu(c, w);
                case DIV -> MulDivOps.div(c, w);
                case DIVU -> MulDivOps.divu(c, w);
                case DMULT -> MulDivOps.dmult(c, w);
                case DMULTU -> MulDivOps.dmultu(c, w);
                case DDIV -> MulDivOps.ddiv(c, w);
                case DDIVU -> MulDivOps.ddivu(c, w);
                case ADD -> AluOps.add(c, w);
                case ADDU -> AluOps.addu(c, w);
                case SUB -> AluOps.sub(c, w);
                case SUBU -> AluOps.subu(c, w);
                case AND -> AluOps.and(c, w);
                case OR -> AluOps.or(c, w);
                case XOR -> AluOps.xor(c, w);
                case NOR -> AluOps.nor(c, w);
                case SLT -> AluOps.slt(c, w);
                case SLTU -> AluOps.sltu(c, w);
                case DADD -> AluOps.dadd(c, w);
                case DADDU -> AluOps.daddu(c, w);
                case DSUB -> AluOps.dsub(c, w);
                case DSUBU -> AluOps.dsubu(c, w);
                case TGE -> TrapOps.tge(c, w);
                case TGEU -> TrapOps.tgeu(c, w);
                case TLT -> TrapOps.tlt(c, w);
                case TLTU -> TrapOps.tltu(c, w);
                case TEQ -> TrapOps.teq(c, w);
                case TNE -> TrapOps.tne(c, w);
                case DSLL -> ShiftOps.dsll(c, w);
                case DSRL -> ShiftOps.dsrl(c, w);
                case DSRA -> ShiftOps.dsra(c, w);
                case DSLL32 -> ShiftOps.dsll32(c, w);
                case DSRL32 -> ShiftOps.dsrl32(c, w);
                case DSRA32 -> ShiftOps.dsra32(c, w);
                case BLTZ -> BranchOps.bltz(c, w);
                case BGEZ -> BranchOps.bgez(c, w);
                case BLTZL -> BranchOps.bltzl(c, w);
                case BGEZL -> BranchOps.bgezl(c, w);
                case TGEI -> TrapOps.tgei(c, w);
                case TGEIU -> TrapOps.tgeiu(c, w);
                case TLTI -> TrapOps.tlti(c, w);
                case TLTIU -> TrapOps.tltiu(c, w);
                case TEQI -> TrapOps.teqi(c, w);
                case TNEI -> TrapOps.tnei(c, w);
                case BLTZAL -> BranchOps.bltzal(c, w);
                case BGEZAL -> BranchOps.bgezal(c, w);
                case BLTZALL -> BranchOps.bltzall(c, w);
                case BGEZALL -> BranchOps.bgezall(c, w);
                case MFC0 -> Cp0Ops.mfc0(c, w);
                case DMFC0 -> Cp0Ops.dmfc0(c, w);
                case MTC0, DMTC0, TLBR, TLBWI, TLBWR, TLBP, ERET, WAIT -> executeKernelOp(c, id, w);
                case LWC2, LDC2, SWC2, SDC2, COP2
                    -> TrapOps.cop2(c, w);
                case LWC1, LDC1, SWC1, SDC1, MOVF, MOVT, MFC1, DMFC1, CFC1, MTC1, DMTC1, CTC1, BC1F, BC1T, BC1FL, BC1TL,
                    ADD_S, SUB_S, MUL_S, DIV_S, SQRT_S, ABS_S, MOV_S, NEG_S, ROUND_L_S, TRUNC_L_S, CEIL_L_S, FLOOR_L_S,
                    ROUND_W_S, TRUNC_W_S, CEIL_W_S, FLOOR_W_S, MOVF_S, MOVT_S, MOVZ_S, MOVN_S, RECIP_S, RSQRT_S, CVT_D_S,
                    CVT_W_S, CVT_L_S, ADD_D, SUB_D, MUL_D, DIV_D, SQRT_D, ABS_D, MOV_D, NEG_D, ROUND_L_D, TRUNC_L_D,
                    CEIL_L_D, FLOOR_L_D, ROUND_W_D, TRUNC_W_D, CEIL_W_D, FLOOR_W_D, MOVF_D, MOVT_D, MOVZ_D, MOVN_D,
                    RECIP_D, RSQRT_D, CVT_S_D, CVT_W_D, CVT_L_D, CVT_S_W, CVT_D_W, CVT_S_L, CVT_D_L, C_F_S, C_UN_S,
                    C_EQ_S, C_UEQ_S, C_OLT_S, C_ULT_S, C_OLE_S, C_ULE_S, C_SF_S, C_NGLE_S, C_SEQ_S, C_NGL_S, C_LT_S,
                    C_NGE_S, C_LE_S, C_NGT_S, C_F_D, C_UN_D, C_EQ_D, C_UEQ_D, C_OLT_D, C_ULT_D, C_OLE_D, C_ULE_D, C_SF_D,
                    C_NGLE_D, C_SEQ_D, C_NGL_D, C_LT_D, C_NGE_D, C_LE_D, C_NGT_D, LWXC1, LDXC1, SWXC1, SDXC1, PREFX,
                    MADD_S, MADD_D, MSUB_S, MSUB_D, NMADD_S, NMADD_D, NMSUB_S, NMSUB_D
                    -> FpuOps.execute(c, OPS[id], w);
                case RESERVED -> TrapOps.reserved(c, w);
                default -> TrapOps.reserved(c, w); // ALIAS/MACRO rows never come out of the decoder
            };
            if (it == null) return status;
            retire(c, status);
        }
    }
}
