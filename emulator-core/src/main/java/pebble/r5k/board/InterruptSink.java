package pebble.r5k.board;

/**
 * Where the interrupt controller's outputs go: the CPU's Cause.IP2..IP6 inputs. The board adapts
 * {@code Cpu.setInterruptLine}; tests use a recording fake.
 */
@FunctionalInterface
public interface InterruptSink {
    /** {@code ip} is the Cause bit number 2..6 (CPU pins Int0..Int4). Called only when a level changes. */
    void setInterruptLine(int ip, boolean asserted);

    InterruptSink NONE = (ip, asserted) -> { };
}
