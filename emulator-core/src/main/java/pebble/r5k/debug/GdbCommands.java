package pebble.r5k.debug;

import pebble.r5k.Machine;
import pebble.r5k.cpu.Cpu;

/**
 * The stub's answers to gdb's packets while the target is stopped (gdb manual, "Packets" and "General Query
 * Packets"). What is offered: registers (g/G/p/P, {@link MipsRegisters}), memory (m/M, {@link DebugMemory}),
 * breakpoints and watchpoints (Z0-Z4/z0-z4, {@link StopPoints}), continue and step (c/s/C/S, with an
 * optional new PC), detach (D), kill (k), and the queries gdb makes on connecting, answered for one process
 * with one thread. Anything else gets the empty reply, which tells gdb the packet is not supported;
 * arguments that do not parse get {@code E01}.
 */
final class GdbCommands {
    /** What a packet asks the run to do next; null: stay stopped. */
    enum Resume { CONTINUE, STEP, DETACH, KILL }

    /** The packet to send back (null: none) and the run's next move. */
    record Reply(String text, Resume resume) {
        static Reply of(String text) { return new Reply(text, null); }
    }

    static final String OK = "OK", ERROR = "E01", UNSUPPORTED = "";
    /** Bytes one m or M packet may move: their hex must fit the packet size offered to gdb. */
    static final int MAX_READ = RspChannel.MAX_PACKET / 2;

    private final Cpu c;
    private final DebugMemory mem;
    private final StopPoints points;

    GdbCommands(Cpu c, DebugMemory mem, StopPoints points) {
        this.c = c;
        this.mem = mem;
        this.points = points;
    }

    Reply handle(String p, String lastStop) {
        if (p.isEmpty()) return Reply.of(UNSUPPORTED);
        try {
            String args = p.substring(1);
            return switch (p.charAt(0)) {
                case '?' -> Reply.of(lastStop);
                case 'g' -> Reply.of(readAll());
                case 'G' -> Reply.of(writeAll(args));
                case 'p' -> Reply.of(readOne(args));
                case 'P' -> Reply.of(writeOne(args));
                case 'm' -> Reply.of(readMemory(args));
                case 'M' -> Reply.of(writeMemory(args));
                case 'c', 's' -> resume(args, p.charAt(0) == 's');
                case 'C', 'S' -> { // continue or step with a signal: there are no guest signals to deliver
                    int semi = args.indexOf(';');
                    Hex.parseLong(semi < 0 ? args : args.substring(0, semi));
                    yield resume(semi < 0 ? "" : args.substring(semi + 1), p.charAt(0) == 'S');
                }
                case 'Z', 'z' -> Reply.of(stopPoint(p.charAt(0) == 'Z', args));
                case 'D' -> new Reply(OK, Resume.DETACH);
                case 'k' -> new Reply(null, Resume.KILL);
                case 'H', 'T' -> Reply.of(OK); // the one thread is every thread, and alive
                case 'q' -> Reply.of(query(args));
                default -> Reply.of(UNSUPPORTED);
            };
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Reply.of(ERROR);
        }
    }

    private String query(String q) {
        if (q.startsWith("Supported")) return "PacketSize=" + Integer.toHexString(RspChannel.MAX_PACKET);
        return switch (q) {
            case "Attached" -> "1";       // gdb detaches on quit (the run goes on) instead of killing it
            case "C" -> "QC1";
            case "fThreadInfo" -> "m1";
            case "sThreadInfo" -> "l";
            case "Symbol::" -> OK;
            default -> UNSUPPORTED;
        };
    }

    private Reply resume(String addr, boolean step) {
        if (!addr.isEmpty()) MipsRegisters.write(c, MipsRegisters.PC, address(addr));
        return new Reply(null, step ? Resume.STEP : Resume.CONTINUE);
    }

    private String readAll() {
        StringBuilder sb = new StringBuilder(MipsRegisters.COUNT * 16);
        for (int n = 0; n < MipsRegisters.COUNT; n++) MipsRegisters.appendHex(sb, c, n);
        return sb.toString();
    }

    /** G: as many registers as the data holds whole; "x" digits (unavailable) leave a register alone. */
    private String writeAll(String hex) {
        if (hex.length() % 16 != 0 || hex.length() > MipsRegisters.COUNT * 16) return ERROR;
        long[] values = new long[hex.length() / 16];
        boolean[] skip = new boolean[values.length];
        for (int n = 0; n < values.length; n++) {
            skip[n] = hex.charAt(16 * n) == 'x' || !MipsRegisters.present(n);
            if (!skip[n]) values[n] = MipsRegisters.parseHex(hex, 16 * n, c.bigEndian);
        }
        for (int n = 0; n < values.length; n++) if (!skip[n]) MipsRegisters.write(c, n, values[n]);
        return OK;
    }

    private String readOne(String args) {
        long n = Hex.parseLong(args);
        if (n < 0 || n >= MipsRegisters.COUNT) return ERROR; // (before any narrowing: p100000025 is not pc)
        StringBuilder sb = new StringBuilder(16);
        MipsRegisters.appendHex(sb, c, (int) n);
        return sb.toString();
    }

    private String writeOne(String args) {
        int eq = args.indexOf('=');
        long n = Hex.parseLong(args.substring(0, eq));
        String hex = args.substring(eq + 1);
        if (n < 0 || n >= MipsRegisters.COUNT || hex.length() != 16) return ERROR;
        if (!MipsRegisters.present((int) n)) return ERROR;
        MipsRegisters.write(c, (int) n, MipsRegisters.parseHex(hex, 0, c.bigEndian));
        return OK;
    }

    /** m addr,len: the bytes up to the first that cannot be read; E01 when not even the first can. */
    private String readMemory(String args) {
        int comma = args.indexOf(',');
        long addr = address(args.substring(0, comma));
        long len = Hex.parseLong(args.substring(comma + 1));
        // A shorter reply is allowed: gdb asks again for the rest. Lengths are unsigned (ffffffffffffffff too).
        if (len < 0 || len > MAX_READ) len = MAX_READ;
        StringBuilder sb = new StringBuilder((int) len * 2);
        for (long i = 0; i < len; i++) {
            int b = mem.read8(addr + i);
            if (b < 0) break;
            Hex.appendByte(sb, b);
        }
        return sb.length() == 0 && len > 0 ? ERROR : sb.toString();
    }

    /** M addr,len:hex: all or nothing (every byte's translation is checked before the first is written). */
    private String writeMemory(String args) {
        int comma = args.indexOf(','), colon = args.indexOf(':');
        long addr = address(args.substring(0, comma));
        long len = Hex.parseLong(args.substring(comma + 1, colon));
        String hex = args.substring(colon + 1);
        if (len < 0 || len > MAX_READ || hex.length() != 2 * len) return ERROR;
        byte[] bytes = new byte[(int) len];
        for (int i = 0; i < len; i++) bytes[i] = (byte) Hex.parseByte(hex, 2 * i);
        for (int i = 0; i < len; i++) {
            if (mem.writableAddress(addr + i) < 0) return ERROR;
        }
        for (int i = 0; i < len; i++) mem.write8(addr + i, bytes[i]);
        return OK;
    }

    /** Z/z type,addr,kind: 0/1 breakpoints, 2 write, 3 read, 4 access watchpoints. */
    private String stopPoint(boolean insert, String args) {
        String[] f = args.split(",");
        if (f.length < 3) return ERROR;
        long t = Hex.parseLong(f[0]);
        if (t < 0 || t > StopPoints.ACCESS) return UNSUPPORTED; // (before narrowing: Z100000000 is not Z0)
        int type = (int) t;
        long gdbAddr = Hex.parseLong(f[1]);
        long addr = Machine.canonical(gdbAddr);
        long len = Hex.parseLong(f[2].contains(";") ? f[2].substring(0, f[2].indexOf(';')) : f[2]);
        switch (type) {
            case 0, 1 -> {
                if (insert) points.addBreak(addr); else points.removeBreak(addr);
            }
            case StopPoints.WRITE, StopPoints.READ, StopPoints.ACCESS -> {
                if (len <= 0 || len > 8) return ERROR;
                if (insert) points.addWatch(type, addr, len, gdbAddr); else points.removeWatch(type, addr, len);
            }
            default -> {
                return UNSUPPORTED;
            }
        }
        return OK;
    }

    /** An address from gdb: a 32-bit one (o32 gdb sends 0x80001000) means its sign-extended form. */
    private static long address(String hex) {
        return Machine.canonical(Hex.parseLong(hex));
    }
}
