package pebble.r5k.board;

import pebble.r5k.cpu.ExternalEvents;

import java.time.LocalDateTime;

/**
 * MC146818-compatible real-time clock behind ISA ports 0x70 (index) / 0x71 (data) (hardware reference
 * §4.1), driven only by the emulated cycle counter.
 *
 * <p>Time base: a 32.768 kHz crystal whose tick n falls at cycle {@code origin + ceil(n * cpuHz / 32768)}.
 * The periodic flag PF is set at every {@code divisor}-th crystal tick (rate select RS in register A:
 * RS 1, 2 = 256, 128 Hz; RS 3..15 = 32768 >> (RS-1) Hz; RS 0 = off); the time advances by one second at
 * every 32768th tick (unless B.SET), setting UF and, on an alarm match, AF. IRQF and the IRQ output follow
 * (PF&amp;PIE | AF&amp;AIE | UF&amp;UIE). Reading register C returns and clears the flags. A.UIP reads 1 during the last
 * 8 crystal ticks (244 µs) before an update. Divider control DV = 11x holds the chain in reset (no ticks;
 * the crystal restarts when DV leaves reset); any other DV runs from the 32.768 kHz crystal, the only one
 * on the board.
 *
 * <p>Simplifications (docs/board.md): time registers are kept in binary and converted to BCD on access per
 * the current B.DM (a real chip keeps them in the format they were written in); daylight saving (B.DSE)
 * is ignored; registers 0x0E..0x7F are plain NVRAM, all zero at power-up. The start date is fixed (default
 * 1999-06-06 00:00:00, a Sunday) so runs are reproducible.
 */
public final class Rtc146818 implements ExternalEvents {
    public static final long CRYSTAL_HZ = 32_768L;
    public static final LocalDateTime DEFAULT_START = LocalDateTime.of(1999, 6, 6, 0, 0, 0);

    // Register numbers.
    public static final int SEC = 0, SEC_ALARM = 1, MIN = 2, MIN_ALARM = 3, HOUR = 4, HOUR_ALARM = 5,
            DOW = 6, DOM = 7, MONTH = 8, YEAR = 9, REG_A = 10, REG_B = 11, REG_C = 12, REG_D = 13;
    public static final int A_UIP = 0x80;
    public static final int B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10, B_SQWE = 0x08, B_DM_BINARY = 0x04,
            B_24H = 0x02, B_DSE = 0x01;
    public static final int C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10;
    public static final int D_VRT = 0x80;
    /** Crystal ticks before an update during which UIP reads 1 (244 µs). */
    static final long UIP_TICKS = 8;

    private final CycleClock clock;
    private final long cpuHz;
    private IrqLine irq = IrqLine.NONE;
    private boolean irqLevel;

    private final int[] nvram = new int[128];
    private int index;
    private int regA = 0x26; // 32.768 kHz base, 1024 Hz periodic rate (PC power-up convention)
    private int regB = B_24H;
    private int regC;
    // Time in binary: sec, min, hour (0-23), dow (1 = Sunday), dom, month, year (0-99); alarms in raw form.
    private int sec, min, hour, dow, dom, month, year;
    private int secAlarm, minAlarm, hourAlarm;
    /** Century of the date (not a chip register; decides leap years across 2-digit years). */
    private int centuryForDate;

    /** Cycle of crystal tick 0 (the divider's phase). */
    private long origin;
    /** Crystal ticks already processed (ticks 1..done have been applied). */
    private long done;
    private boolean running = true;

    public Rtc146818(CycleClock clock, long cpuHz) {
        this(clock, cpuHz, DEFAULT_START);
    }

    public Rtc146818(CycleClock clock, long cpuHz, LocalDateTime start) {
        if (cpuHz <= 0) throw new IllegalArgumentException("cpuHz must be positive");
        this.clock = clock;
        this.cpuHz = cpuHz;
        setTime(start);
        origin = clock.now();
    }

    public void connectIrq(IrqLine line) {
        irq = line;
        irqLevel = false;
        updateIrq();
    }

    /** Sets the calendar (host-side configuration; the CLI's start date). */
    public void setTime(LocalDateTime t) {
        sec = t.getSecond();
        min = t.getMinute();
        hour = t.getHour();
        dow = t.getDayOfWeek().getValue() % 7 + 1; // Sunday = 1
        dom = t.getDayOfMonth();
        month = t.getMonthValue();
        year = t.getYear() % 100;
        centuryForDate = t.getYear() / 100;
    }

    // ------------------------------------------------------------------ port interface

    /** ISA port 0x70 (offset 0) / 0x71 (offset 1). */
    public int readPort(int offset) {
        if ((offset & 1) == 0) return index;
        return readReg(index);
    }

    public void writePort(int offset, int value) {
        if ((offset & 1) == 0) index = value & 0x7F; // bit 7 is the PC NMI mask, not part of the index
        else writeReg(index, value & 0xFF);
    }

    public int readReg(int r) {
        long now = clock.now();
        sync(now);
        switch (r) {
            case SEC: return toBcd(sec);
            case SEC_ALARM: return secAlarm;
            case MIN: return toBcd(min);
            case MIN_ALARM: return minAlarm;
            case HOUR: return hourOut(hour);
            case HOUR_ALARM: return hourAlarm;
            case DOW: return toBcd(dow);
            case DOM: return toBcd(dom);
            case MONTH: return toBcd(month);
            case YEAR: return toBcd(year);
            case REG_A: return regA | (uipAt(now) ? A_UIP : 0);
            case REG_B: return regB;
            case REG_C: {
                int v = regC;
                regC = 0;
                updateIrq();
                return v;
            }
            case REG_D: return D_VRT;
            default: return nvram[r & 0x7F];
        }
    }

    public void writeReg(int r, int v) {
        long now = clock.now();
        sync(now);
        switch (r) {
            case SEC: sec = fromBcd(v & 0x7F); break;
            case SEC_ALARM: secAlarm = v; break;
            case MIN: min = fromBcd(v & 0x7F); break;
            case MIN_ALARM: minAlarm = v; break;
            case HOUR: hour = hourIn(v); break;
            case HOUR_ALARM: hourAlarm = v; break;
            case DOW: dow = fromBcd(v); break;
            case DOM: dom = fromBcd(v); break;
            case MONTH: month = fromBcd(v); break;
            case YEAR: year = fromBcd(v); break;
            case REG_A: {
                boolean wasRunning = running;
                regA = v & 0x7F; // UIP is read-only
                running = ((regA >>> 4) & 6) != 6;
                if (running && !wasRunning) {
                    // Leaving divider reset restarts the chain; the first update comes one second later
                    // (the real chip: 500 ms; documented simplification).
                    origin = now;
                    done = 0;
                }
                break;
            }
            case REG_B:
                if ((v & B_SET) != 0) v &= ~B_UIE; // setting SET clears UIE
                regB = v;
                updateIrq();
                break;
            case REG_C:
            case REG_D:
                break; // read-only
            default:
                nvram[r & 0x7F] = v;
        }
    }

    // ------------------------------------------------------------------ ExternalEvents

    /**
     * The next cycle at which the IRQ output could rise: the next periodic, update or alarm tick, but only
     * when the matching interrupt is enabled and the flag is not already set. Flags nobody waits for are
     * brought up to date lazily when registers are read.
     */
    @Override
    public long nextEventAt() {
        if (!running || irqLevel) return Long.MAX_VALUE;
        long next = Long.MAX_VALUE;
        int div = periodicDivisor();
        if ((regB & B_PIE) != 0 && div != 0) next = tickCycle(nextMultiple(done, div));
        if ((regB & (B_UIE | B_AIE)) != 0 && (regB & B_SET) == 0) {
            next = Math.min(next, tickCycle(nextMultiple(done, CRYSTAL_HZ)));
        }
        return next;
    }

    @Override
    public void runUntil(long cycle) {
        sync(cycle);
    }

    // ------------------------------------------------------------------ time base

    /** Crystal ticks per periodic flag, or 0 when the periodic rate is off (RS = 0). */
    public int periodicDivisor() {
        int rs = regA & 0x0F;
        if (rs == 0) return 0;
        if (rs <= 2) return 64 << rs; // RS 1 = 256 Hz (128 ticks), RS 2 = 128 Hz (256 ticks)
        return 1 << (rs - 1);
    }

    /** Cycle at which crystal tick {@code n} (counted from {@link #origin}) happens. */
    private long tickCycle(long n) {
        // ceil(n * cpuHz / 32768) without overflow for any realistic run: split n into seconds and rest.
        long s = n / CRYSTAL_HZ, rest = n % CRYSTAL_HZ;
        return origin + s * cpuHz + (rest * cpuHz + CRYSTAL_HZ - 1) / CRYSTAL_HZ;
    }

    /** The number of crystal ticks that have happened by {@code cycle}. */
    private long ticksBy(long cycle) {
        long d = cycle - origin;
        if (d < 0) return 0;
        long s = d / cpuHz, rest = d % cpuHz;
        return s * CRYSTAL_HZ + rest * CRYSTAL_HZ / cpuHz;
    }

    private static long nextMultiple(long after, long m) {
        return (after / m + 1) * m;
    }

    /** Applies every crystal tick up to {@code cycle}: periodic flag, once-per-second updates. */
    private void sync(long cycle) {
        if (!running) return;
        long t = ticksBy(cycle);
        if (t <= done) return;
        int div = periodicDivisor();
        if (div != 0 && t / div > done / div) regC |= C_PF;
        long seconds = t / CRYSTAL_HZ - done / CRYSTAL_HZ;
        if (seconds > 0 && (regB & B_SET) == 0) advanceSeconds(seconds);
        done = t;
        // Rebase in whole seconds so tick arithmetic never overflows; the phase is unchanged.
        long whole = done / CRYSTAL_HZ;
        if (whole > 0) {
            origin += whole * cpuHz;
            done -= whole * CRYSTAL_HZ;
        }
        updateIrq();
    }

    private boolean uipAt(long cycle) {
        if (!running || (regB & B_SET) != 0) return false;
        long t = ticksBy(cycle) % CRYSTAL_HZ;
        return t >= CRYSTAL_HZ - UIP_TICKS;
    }

    private void advanceSeconds(long n) {
        regC |= C_UF;
        // Step second by second while an alarm could match within a day, then jump the remainder.
        long step = Math.min(n, 86_400);
        for (long i = 0; i < step; i++) {
            tickSecond();
            if (alarmMatches()) regC |= C_AF;
        }
        long rest = n - step;
        if (rest > 0) jumpSeconds(rest);
    }

    private boolean alarmMatches() {
        return alarmField(secAlarm, toBcd(sec)) && alarmField(minAlarm, toBcd(min))
                && alarmField(hourAlarm, hourOut(hour));
    }

    /** An alarm byte of 0xC0..0xFF is "don't care". */
    private static boolean alarmField(int alarm, int value) {
        return (alarm & 0xC0) == 0xC0 || alarm == value;
    }

    /** One calendar second, as the chip's update cycle does it (carries through day, month, year). */
    private void tickSecond() {
        if (++sec < 60) return;
        sec = 0;
        if (++min < 60) return;
        min = 0;
        if (++hour < 24) return;
        hour = 0;
        dow = dow % 7 + 1;
        if (++dom <= daysInMonth()) return;
        dom = 1;
        if (++month <= 12) return;
        month = 1;
        if (++year > 99) {
            year = 0;
            centuryForDate++;
        }
    }

    private int daysInMonth() {
        switch (month) {
            case 2: return (year % 4 == 0 && (year != 0 || centuryForDate % 4 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Long jumps (many idle days) go through java.time when the registers hold a valid date. */
    private void jumpSeconds(long n) {
        LocalDateTime from;
        try {
            from = LocalDateTime.of(centuryForDate * 100 + year, month, dom, hour, min, sec);
        } catch (java.time.DateTimeException e) {
            // The guest wrote an impossible date: keep ticking like the chip would, one second at a time.
            for (long i = 0; i < n; i++) tickSecond();
            return;
        }
        LocalDateTime to = from.plusSeconds(n);
        long days = to.toLocalDate().toEpochDay() - from.toLocalDate().toEpochDay();
        int newDow = (int) Math.floorMod(dow - 1 + days, 7L) + 1; // keep the guest's weekday numbering
        setTime(to);
        dow = newDow;
    }

    private void updateIrq() {
        int active = regC & (C_PF | C_AF | C_UF) & ((regB & (B_PIE | B_AIE | B_UIE)));
        if (active != 0) regC |= C_IRQF; else regC &= ~C_IRQF;
        boolean level = active != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    // ------------------------------------------------------------------ format conversion

    private boolean binary() {
        return (regB & B_DM_BINARY) != 0;
    }

    private int toBcd(int v) {
        return binary() ? v : ((v / 10) << 4) | (v % 10);
    }

    private int fromBcd(int v) {
        return binary() ? v : ((v >>> 4) & 0xF) * 10 + (v & 0xF);
    }

    /** Hour register value for a 0..23 hour, honouring 12-hour mode (bit 7 = PM, hours 1..12). */
    private int hourOut(int h) {
        if ((regB & B_24H) != 0) return toBcd(h);
        int h12 = h % 12 == 0 ? 12 : h % 12;
        return toBcd(h12) | (h >= 12 ? 0x80 : 0);
    }

    private int hourIn(int v) {
        if ((regB & B_24H) != 0) return fromBcd(v & 0x7F);
        int h = fromBcd(v & 0x7F) % 12;
        return (v & 0x80) != 0 ? h + 12 : h;
    }

    public boolean irqAsserted() {
        return irqLevel;
    }
}
