package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile clients of servers (src/test/resources/hostile): each may hurt only itself. Every case runs timed and
 * functional, beside a victim that yields 200 times and then checks its callee-saved registers.
 */
class HostileClientsTest {
    @TempDir Path dir;

    /**
     * The portal manager's request portal is `s`: the manager runs on the caller's $sp in its own address
     * space. A $sp outside the caller's stack is refused (PM_ERR_DENIED) before anything is stored there;
     * before, the manager's register saves faulted (or, with a chosen $sp, overwrote its allocation pointer
     * and built the hostile's portal over another domain's).
     */
    @Test
    void aPortalManagerRequestOnAWildStackIsRefused() throws IOException {
        for (String timing : new String[] {"--translate-after=50", "--no-timing"}) {
            BootRun r = BootRun.ofResources(dir, timing, "pm-wild-sp.s", "victim.s");
            assertEquals("Pebble nucleus: 3 domains, L2 on\nhostile back\nvictim ok\n", r.out(), timing);
            assertEquals(0, r.status(), timing);
        }
    }

    /**
     * Two hostile domains are inside a server (an `nm` portal with two stacks) when partners make them fault;
     * their threads die inside the server. The server's stacks go back on its queue (domain_terminate), so a
     * later client is served; before, it waited for a stack forever (the nucleus reported a deadlock).
     */
    @Test
    void threadsKilledInsideAServerGiveItsStacksBack() throws IOException {
        for (String timing : new String[] {"--translate-after=50", "--no-timing"}) {
            BootRun r = BootRun.ofResources(dir, timing, "leak-srv.s", "leak-h1.s=leak-inside.s:@PARTNER@=4",
                    "leak-h2.s=leak-inside.s:@PARTNER@=5", "leak-h3.s=leak-trigger.s", "leak-h4.s=leak-trigger.s", "leak-client.s", "victim.s");
            assertTrue(r.out().contains("pebble: domain 2 (leak-h1) fault TLBL at EPC 0x00400050, BadVAddr 0x00000000\n"), r.out());
            assertTrue(r.out().contains("pebble: domain 3 (leak-h2) fault TLBL at EPC 0x00400050, BadVAddr 0x00000000\n"), r.out());
            assertTrue(r.out().contains("client ok\n"), timing + ": " + r.out());
            assertTrue(r.out().contains("victim ok\n"), timing + ": " + r.out());
            assertFalse(r.out().contains("deadlock"), r.out());
            assertEquals(1, r.status(), timing);
        }
    }
}
