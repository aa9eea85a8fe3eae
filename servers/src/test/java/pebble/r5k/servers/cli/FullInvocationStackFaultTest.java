package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A domain with a fault portal recurses through a portal into itself until its invocation stack is full; the
 * call that no longer fits is its Sys fault. The fault frame would then take the last slot, the one portal calls
 * leave free for an interrupt (docs/nucleus.md: the limit sits one frame before the end), and the handler's own
 * call could not fit anyway: the fault gets the default handler at once (faults.S, fault_deliver). Before, the
 * frame was pushed into that slot and the thread sent to its handler: an interrupt arriving then pushed a frame
 * past the end of the stack, over the next thread's context, and another domain died in its place.
 */
class FullInvocationStackFaultTest {
    @TempDir Path dir;

    @Test
    void aFaultWithNoRoomForItsFrameGetsTheDefaultHandlerAndTheOthersRunOn() throws Exception {
        for (String timing : new String[] {"--translate-after=50", "--no-timing"}) {
            BootRun r = BootRun.ofResources(dir, timing, "recurse.s", "victim.s");
            // one line, at the recursive syscall: not a second one at the user vector page's fault_call
            assertEquals("Pebble nucleus: 3 domains, L2 on\n"
                    + "pebble: domain 1 (recurse) fault Sys at EPC 0x00400068, BadVAddr 0x" + badVAddr(r.out()) + "\n"
                    + "victim ok\n", r.out(), timing);
            assertEquals(1, r.status(), timing);
            assertEquals("", r.err(), timing);
        }
    }

    /** BadVAddr is not set by a Sys fault (the last translation's is left): whatever 8 digits the line has. */
    private static String badVAddr(String console) {
        int at = console.indexOf("BadVAddr 0x");
        return at < 0 ? "?" : console.substring(at + 11, Math.min(console.length(), at + 19));
    }
}
