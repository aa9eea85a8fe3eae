package pebble.r5k.board;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.board.Uart16550.*;

class Uart16550Test {
    static final long HZ = P5064Board.DEFAULT_CPU_HZ;

    /** Records bytes and counts flushes. */
    static final class Sink extends ByteArrayOutputStream {
        int flushes;
        @Override public void flush() { flushes++; }
        String text() { return toString(StandardCharsets.ISO_8859_1); }
    }

    /** An input stream that counts how often it is polled. */
    static final class CountingInput extends ByteArrayInputStream {
        int polls;
        CountingInput(String s) { super(s.getBytes(StandardCharsets.ISO_8859_1)); }
        @Override public synchronized int available() { polls++; return super.available(); }
    }

    final FakeClock clock = new FakeClock();
    final Sink sink = new Sink();
    final boolean[] irq = new boolean[1];
    int irqEdges;

    Uart16550 uart(InputStream in) {
        Uart16550 u = new Uart16550("com1", sink, in, clock, HZ);
        u.connectIrq(level -> { irq[0] = level; irqEdges++; });
        return u;
    }

    @Test
    void thrWritesGoToTheSinkAndFlushAtNewline() {
        Uart16550 u = uart(null);
        for (char c : "hi\nyo".toCharArray()) u.write(RBR_THR_DLL, 1, c);
        assertEquals("hi\nyo", sink.text());
        assertEquals(1, sink.flushes);
        u.flush();
        assertEquals(2, sink.flushes);
    }

    @Test
    void wideAccessUsesTheLowByteOfTheRegisterAtThatOffset() {
        Uart16550 u = uart(null);
        u.write(RBR_THR_DLL, 4, 0x12345641); // 'A'
        assertEquals("A", sink.text());
        u.write(SCR, 2, 0xBEEF);
        assertEquals(0xEF, u.read(SCR, 4));
    }

    @Test
    void lsrAlwaysShowsTransmitterEmpty() {
        Uart16550 u = uart(null);
        assertEquals(LSR_THRE | LSR_TEMT, u.read(LSR, 1));
        u.write(RBR_THR_DLL, 1, 'x');
        assertEquals(0x60, u.read(LSR, 1));
    }

    @Test
    void inputIsPolledOnlyWhenTheGuestLooks() {
        CountingInput in = new CountingInput("ab");
        Uart16550 u = uart(in);
        u.write(RBR_THR_DLL, 1, 'x');
        u.write(LCR, 1, 3);
        u.read(SCR, 1);
        assertEquals(0, in.polls, "no polling on THR/LCR/SCR accesses");
        assertEquals(0x61, u.read(LSR, 1));
        assertEquals('a', u.read(RBR_THR_DLL, 1));
        assertEquals(0x61, u.read(LSR, 1));
        assertEquals('b', u.read(RBR_THR_DLL, 1));
        assertEquals(0x60, u.read(LSR, 1));
        assertEquals('b', u.read(RBR_THR_DLL, 1), "RBR keeps the last byte");
        assertEquals(0x60, u.read(LSR, 1));
    }

    @Test
    void noInputStreamMeansNoData() {
        Uart16550 u = uart(null);
        assertEquals(0x60, u.read(LSR, 1));
        assertEquals(0, u.read(RBR_THR_DLL, 1));
    }

    @Test
    void divisorLatchBehindDlab() {
        Uart16550 u = uart(null);
        u.write(LCR, 1, LCR_DLAB | 3);
        u.write(RBR_THR_DLL, 1, 1);
        u.write(IER_DLM, 1, 2);
        assertEquals(1, u.read(RBR_THR_DLL, 1));
        assertEquals(2, u.read(IER_DLM, 1));
        assertEquals(0x201, u.divisor());
        assertEquals("", sink.text(), "DLL write is not transmitted");
        u.write(LCR, 1, 3);
        assertEquals(0, u.read(IER_DLM, 1), "IER untouched by the DLM write");
        assertEquals(3, u.read(LCR, 1));
        u.write(RBR_THR_DLL, 1, 'z');
        assertEquals("z", sink.text());
    }

    @Test
    void threInterruptArmsOnEnableAcksOnIirReadAndRearmsOnThrWrite() {
        Uart16550 u = uart(null);
        assertEquals(IIR_NONE, u.read(IIR_FCR, 1));
        assertFalse(irq[0]);
        u.write(IER_DLM, 1, IER_THRE);
        assertTrue(irq[0]);
        assertEquals(IIR_THRE, u.read(IIR_FCR, 1));
        assertFalse(irq[0], "reading IIR acknowledges THRE");
        assertEquals(IIR_NONE, u.read(IIR_FCR, 1));
        u.write(RBR_THR_DLL, 1, 'q');
        assertTrue(irq[0], "the instantly-empty THR interrupts again");
        u.write(IER_DLM, 1, 0);
        assertFalse(irq[0]);
    }

    @Test
    void receiveInterruptFollowsDataReady() {
        Uart16550 u = uart(new ByteArrayInputStream(new byte[] {'k'}));
        u.write(IER_DLM, 1, IER_RDA);
        assertFalse(irq[0], "nothing polled yet");
        assertEquals(IIR_RDA, u.read(IIR_FCR, 1));
        assertTrue(irq[0]);
        assertEquals('k', u.read(RBR_THR_DLL, 1));
        assertFalse(irq[0]);
        assertEquals(IIR_NONE, u.read(IIR_FCR, 1));
    }

    @Test
    void rdaHasPriorityOverThre() {
        Uart16550 u = uart(new ByteArrayInputStream(new byte[] {'k'}));
        u.write(IER_DLM, 1, IER_RDA | IER_THRE);
        assertEquals(IIR_RDA, u.read(IIR_FCR, 1));
        u.read(RBR_THR_DLL, 1);
        assertEquals(IIR_THRE, u.read(IIR_FCR, 1));
    }

    @Test
    void fifoEnableShowsInIir() {
        Uart16550 u = uart(null);
        u.write(IIR_FCR, 1, 0x07);
        assertEquals(IIR_FIFO_ON | IIR_NONE, u.read(IIR_FCR, 1));
        u.write(IIR_FCR, 1, 0);
        assertEquals(IIR_NONE, u.read(IIR_FCR, 1));
    }

    @Test
    void receivePollEventRunsOncePerCharacterTimeWhileRdaEnabled() {
        Uart16550 u = uart(new ByteArrayInputStream("xy".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Long.MAX_VALUE, u.nextEventAt());
        assertEquals(173_500L, u.charCycles()); // 9600 baud, 10 bits: 166.56 MHz / 960
        clock.cycle = 1000;
        u.write(IER_DLM, 1, IER_RDA);
        assertEquals(1000 + 173_500L, u.nextEventAt());
        u.runUntil(1000 + 173_499L);
        assertFalse(irq[0]);
        u.runUntil(1000 + 173_500L);
        assertTrue(irq[0], "byte arrives at the poll without the guest looking");
        assertEquals(1000 + 2 * 173_500L, u.nextEventAt());
        assertEquals('x', u.read(RBR_THR_DLL, 1));
        u.write(IER_DLM, 1, 0);
        assertEquals(Long.MAX_VALUE, u.nextEventAt());
    }

    @Test
    void charTimeFollowsTheDivisor() {
        Uart16550 u = uart(null);
        u.write(LCR, 1, LCR_DLAB);
        u.write(RBR_THR_DLL, 1, 1); // 115200 baud
        assertEquals(HZ * 10 / 115_200, u.charCycles());
    }

    @Test
    void loopbackEchoesAndReportsOverrun() {
        Uart16550 u = uart(null);
        u.write(MCR, 1, MCR_LOOP | MCR_DTR | MCR_OUT2);
        assertEquals(0xA0, u.read(MSR, 1), "DTR->DSR, OUT2->DCD");
        u.write(RBR_THR_DLL, 1, 'p');
        assertEquals("", sink.text());
        assertEquals(LSR_THRE | LSR_TEMT | LSR_DR, u.read(LSR, 1));
        u.write(RBR_THR_DLL, 1, 'q');
        u.write(RBR_THR_DLL, 1, 'r');
        assertEquals(LSR_THRE | LSR_TEMT | LSR_DR | LSR_OE, u.read(LSR, 1));
        assertEquals(LSR_THRE | LSR_TEMT | LSR_DR, u.read(LSR, 1), "OE clears on LSR read");
        assertEquals('r', u.read(RBR_THR_DLL, 1));
        u.write(MCR, 1, 0);
        assertEquals(MSR_CONNECTED, u.read(MSR, 1));
    }

    @Test
    void lineStatusInterruptOnOverrun() {
        Uart16550 u = uart(null);
        u.write(MCR, 1, MCR_LOOP);
        u.write(IER_DLM, 1, IER_RLS);
        u.write(RBR_THR_DLL, 1, 1);
        assertFalse(irq[0]);
        u.write(RBR_THR_DLL, 1, 2);
        assertTrue(irq[0]);
        assertEquals(IIR_RLS, u.read(IIR_FCR, 1));
        u.read(LSR, 1);
        assertFalse(irq[0]);
    }

    @Test
    void irqOnlyReportsEdges() {
        Uart16550 u = uart(null);
        int before = irqEdges;
        u.write(IER_DLM, 1, IER_THRE);
        u.write(RBR_THR_DLL, 1, 'a');
        u.write(RBR_THR_DLL, 1, 'b');
        assertEquals(before + 1, irqEdges);
    }

    @Test
    void nullSinkDiscardsOutput() {
        Uart16550 u = new Uart16550("com2", null, null, clock, HZ);
        u.write(RBR_THR_DLL, 1, 'a');
        u.flush();
        assertEquals(0x60, u.read(LSR, 1));
    }
}
