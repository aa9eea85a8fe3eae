package pebble.r5k.board;

/**
 * The emulated pipeline-cycle counter as devices see it (no wall clock anywhere in simulation). The board
 * reads {@code Cpu.cycle}, so the interpreter must have written its cycle back before a device access.
 */
@FunctionalInterface
public interface CycleClock {
    long now();
}
