package pebble.r5k.cpu;

/**
 * WAIT (hardware reference §1.3: the pipeline stalls until an interrupt is pending): where the interpreter's
 * slow path resumes a sleeping CPU, and when sleeping is a deadlock. The idle time itself is the board's
 * business (ExternalEvents#idle): skipped at once, or slept through in real time while the console waits
 * for input from the host (docs/board.md, "Idle").
 */
final class Idle {
    private Idle() {}

    /**
     * Where a WAIT resumes: the CPU's timer when IM7 lets it wake the CPU, or whatever the board says (it may
     * block the host for live input, ExternalEvents#idle) when a board line (IP2..IP6) is unmasked; at most
     * {@code maxCycles}. A WAIT that nothing can end halts the run as a deadlock instead of spinning to the
     * cycle limit: interrupts off or all masked, or no enabled source with anything scheduled.
     */
    static long resumeAt(Cpu c, long maxCycles) {
        int st = c.cp0.status;
        if (!c.interruptsCanArrive()) {
            c.halt(HaltReason.DEADLOCK, Cpu.NO_STATUS, "deadlock: WAIT with interrupts disabled or masked"
                    + String.format(" (Status 0x%08x)", st));
            return c.cycle;
        }
        long timer = (st & Cp0Reg.CAUSE_IP7) != 0 ? c.cp0.timerFireAt() : Long.MAX_VALUE;
        boolean boardCanWake = (st & BOARD_IP_MASK) != 0;
        if (timer == Long.MAX_VALUE && (!boardCanWake || c.events.nextEventAt() == Long.MAX_VALUE)) {
            c.halt(HaltReason.DEADLOCK, Cpu.NO_STATUS, "deadlock: WAIT with no interrupt source that can fire"
                    + String.format(" (Status 0x%08x: no timer and no device event pending on an enabled line)", st));
            return c.cycle;
        }
        long until = Math.min(timer, maxCycles);
        return boardCanWake ? c.events.idle(c.cycle, until) : until;
    }

    /** Status.IM / Cause.IP bits of the board's interrupt pins Int0..Int4 (IP2..IP6). */
    private static final int BOARD_IP_MASK = 0x7C00;
}
