package pebble.r5k.debug;

import pebble.r5k.Machine;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.DebugHook;
import pebble.r5k.cpu.HaltReason;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;

/**
 * The GDB remote stub of {@code --gdb PORT} (docs/debugging.md): runs the machine on the caller's thread,
 * stopped while gdb holds it and running between a resume ({@code c}, {@code s}) and the next stop
 * (breakpoint, watchpoint, step done, Ctrl-C, the guest's end). One all-stop thread, as gdb sees it.
 *
 * <p>While a client is attached (or may attach) the stub is the machine's {@link DebugHook}, so every
 * instruction goes through the interpreter's debugging loop, which gives the same cycles as the normal one:
 * a run debugged, stopped and resumed ends in the same state and statistics as one that was not. Ctrl-C and
 * a late client are polled every {@link #POLL_INSTRUCTIONS} instructions, never per instruction. When gdb
 * detaches or its connection drops, the hook is removed and the run goes on at full speed.
 *
 * <p>Bad input never ends the run: a packet with a bad checksum gets {@code -}, a malformed command
 * {@code E01}, an unknown one the empty reply (the protocol's "not supported").
 */
public final class GdbStub implements DebugHook {
    /** Instructions between two looks at the socket while running: a few milliseconds at debugging speed. */
    static final int POLL_INSTRUCTIONS = 1 << 14;

    private static final long NO_PC = 1; // never a PC the stub resumes at (instructions are 4-aligned)

    private final Machine machine;
    private final Cpu c;
    private final GdbServer server;
    private final boolean waitForClient;
    private final PrintStream log;
    private final DebugMemory mem;
    private final StopPoints points = new StopPoints();
    private final GdbCommands commands;

    private Socket socket;
    private RspChannel ch;
    private boolean stepping;
    /** The PC the run resumed at: its breakpoint or watchpoint does not stop the first instruction again. */
    private long resumePc = NO_PC;
    private int pollCountdown = POLL_INSTRUCTIONS;
    /** A Ctrl-C or a new client was seen: stop at the next instruction that is not a delay slot. */
    private boolean pendingStop;
    /** Why the target last stopped, as gdb's '?' is answered. */
    String lastStop = "S05";
    /** Set when a stop should not be announced (a client just attached: it asks with '?'). */
    private boolean silentStop;
    private boolean killed;

    /**
     * {@code waitForClient}: stop before the first instruction until gdb connects (QEMU's {@code -s -S});
     * false runs at once and lets gdb attach later. {@code log} gets the one-line notes (stderr).
     */
    public GdbStub(Machine machine, GdbServer server, boolean waitForClient, PrintStream log) {
        this.machine = machine;
        this.c = machine.cpu();
        this.server = server;
        this.waitForClient = waitForClient;
        this.log = log;
        this.mem = new DebugMemory(c);
        this.commands = new GdbCommands(c, mem, points);
    }

    /** Whether gdb ended the run with {@code k}. */
    public boolean killed() { return killed; }

    /** Runs the machine under the debugger to {@code maxCycles}, the guest's end, or gdb's kill. */
    public Machine.RunResult run(long maxCycles) throws IOException {
        try {
            machine.setDebugHook(this);
            if (waitForClient) {
                log.println("pebble: waiting for gdb on localhost:" + server.port());
                log.flush();
                attach(server.awaitClient());
            } else {
                log.println("pebble: gdb can attach on localhost:" + server.port());
                server.acceptInBackground();
            }
            while (true) {
                if (ch != null) {
                    GdbCommands.Resume how = serve();
                    if (how == GdbCommands.Resume.KILL) {
                        killed = true;
                        drop(null);
                        return machine.run(c.cycle); // no instruction: the result of the run as it stands
                    }
                    if (how == GdbCommands.Resume.DETACH) drop("pebble: gdb detached; the run goes on");
                    stepping = how == GdbCommands.Resume.STEP;
                }
                resumePc = c.pc;
                Machine.RunResult r = machine.run(maxCycles);
                if (r.halted() || c.cycle >= maxCycles) {
                    announceEnd(r);
                    return r;
                }
                if (!silentStop && ch != null) sendOrDrop(lastStop);
                silentStop = false;
            }
        } finally {
            machine.setDebugHook(null);
            server.close();
            closeSocket();
        }
    }

    /** Handles packets until one resumes (or ends) the target; a lost connection counts as a detach. */
    private GdbCommands.Resume serve() {
        try {
            while (true) {
                String p = ch.readPacket();
                if (p == null) return GdbCommands.Resume.DETACH;
                GdbCommands.Reply reply = commands.handle(p, lastStop);
                if (reply.text() != null) ch.send(reply.text());
                if (reply.resume() != null) return reply.resume();
            }
        } catch (IOException e) {
            return GdbCommands.Resume.DETACH;
        }
    }

    // ------------------------------------------------------------------ the hook (per instruction)

    /**
     * Never stops between a branch and its delay slot: gdb's MIPS target steps by planting a breakpoint at
     * the next PC it computes from the instruction at the PC (software single step), which from a delay
     * slot would be the slot + 4, not the branch target. So a Ctrl-C or a new client arriving there waits
     * one instruction, and a watched access in a delay slot stops at its branch, where MIPS hardware reports
     * it too (EPC = the branch, Cause.BD).
     */
    @Override
    public boolean stopBefore(Cpu c) {
        if (--pollCountdown <= 0) {
            pollCountdown = POLL_INSTRUCTIONS;
            if (poll()) pendingStop = true;
        }
        long pc = c.pc;
        boolean resumed = pc == resumePc;
        resumePc = NO_PC;
        if (c.inDelaySlot) return false;
        if (pendingStop) {
            pendingStop = false;
            return true;
        }
        if (resumed || ch == null) return false;
        if (points.hasBreak(pc)) {
            lastStop = "S05";
            return true;
        }
        String watch = points.watchHit(c, mem);
        if (watch != null) {
            lastStop = watch;
            return true;
        }
        return false;
    }

    /** Single step ({@code s}): a branch and its delay slot are one step, as for gdb's own stepping. */
    @Override
    public boolean stopAfter(Cpu c) {
        if (stepping && ch != null && !c.inDelaySlot) {
            lastStop = "S05";
            return true;
        }
        return false;
    }

    /** Ctrl-C from the client, or a client arriving (no-wait mode): both stop the run. */
    private boolean poll() {
        if (ch == null) {
            Socket s = server.pollClient();
            if (s == null) return false;
            attach(s);
            silentStop = true;
            return true;
        }
        RspChannel.Poll p;
        try {
            p = ch.pollInterrupt();
        } catch (IOException e) {
            p = RspChannel.Poll.CLOSED; // the connection broke
        }
        if (p == RspChannel.Poll.INTERRUPT) {
            lastStop = "S02"; // SIGINT, as gdb's own Ctrl-C
            return true;
        }
        if (p == RspChannel.Poll.CLOSED) drop("pebble: gdb connection lost; the run goes on");
        return false;
    }

    // ------------------------------------------------------------------ connection

    private void attach(Socket s) {
        try {
            socket = s;
            ch = new RspChannel(s.getInputStream(), s.getOutputStream(), s.getChannel());
            lastStop = "S05";
            log.println("pebble: gdb attached");
        } catch (IOException e) {
            closeSocket();
        }
    }

    /** Sends a stop reply; a broken connection detaches. */
    private void sendOrDrop(String reply) {
        try {
            ch.send(reply);
        } catch (IOException e) {
            drop("pebble: gdb connection lost; the run goes on");
        }
    }

    /** Forgets the client: no more stops, the hook removed, the run at full speed. */
    private void drop(String note) {
        if (note != null) log.println(note);
        points.clear();
        stepping = false;
        closeSocket();
        machine.setDebugHook(null);
        machine.cpu().requestEventCheck(); // ends the debugging loop's burst: the run goes on in the fast loops
    }

    private void closeSocket() {
        ch = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed by the peer
            }
            socket = null;
        }
    }

    /** Tells gdb the target is gone: W (exit status) for the guest's exit, X (signal) for other ends. */
    private void announceEnd(Machine.RunResult r) {
        if (ch == null) return;
        String reply;
        if (r.reason() == HaltReason.GUEST_EXIT) {
            StringBuilder sb = new StringBuilder("W");
            Hex.appendByte(sb, r.exitStatus() & 0xFF);
            reply = sb.toString();
        } else if (r.reason() == HaltReason.CYCLE_LIMIT) {
            reply = "X18"; // SIGXCPU: the --max-cycles budget ran out
        } else {
            reply = "X06"; // SIGABRT: fault, reset vector, deadlock, host I/O failure (pebble's stderr says which)
        }
        try {
            ch.send(reply);
        } catch (IOException e) {
            // gdb left first
        }
    }
}
