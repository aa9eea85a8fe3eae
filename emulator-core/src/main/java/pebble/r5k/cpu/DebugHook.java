package pebble.r5k.cpu;

/**
 * A debugger's grip on the run (the gdb stub, pebble.r5k.debug). While one is set the interpreter runs every
 * instruction through a separate per-instruction loop, as for {@link RetireListener}, with no translated
 * regions: the loops give the same cycles (docs/translator.md), so stopping and resuming changes no cycle
 * count. The hot loops are untouched; with no hook set nothing here costs anything.
 */
public interface DebugHook {
    /**
     * Before the instruction at {@code c.pc} issues. True stops the run there with nothing executed
     * ({@link pebble.r5k.Machine#run} returns, the machine not halted); the next run starts at that instruction.
     */
    boolean stopBefore(Cpu c);

    /** After an instruction retired or entered an exception. True stops the run there (single step). */
    boolean stopAfter(Cpu c);
}
