package pebble.r5k.portal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import pebble.r5k.nucleus.boot.SystemBuilder;

/**
 * The console of one guest boot, for tests that compare what the guest printed: boot.S prints the banner
 * "Pebble nucleus: N domain(s), L2 on|off" as the first line once boot succeeded, so every test checks that
 * line exactly (the domain count included; a portal-manager domain counts) and compares only what follows.
 * The same rule as the nucleus tests' GuestRun.afterBanner.
 */
public final class BootConsole {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A system builder whose console is this one. */
    public SystemBuilder builder() { return new SystemBuilder().console(out); }

    /** What the guest printed after the banner, which must be the banner for {@code domains} domains. */
    public String afterBanner(int domains) { return afterBanner(out.toString(StandardCharsets.ISO_8859_1), domains); }

    /** The line boot.S prints once boot succeeded (the P-5064 has an L2, so it is always on here). */
    public static String banner(int domains) {
        return "Pebble nucleus: " + domains + (domains == 1 ? " domain" : " domains") + ", L2 on\n";
    }

    /** The console text after the banner, which must be its first line. */
    public static String afterBanner(String console, int domains) {
        String banner = banner(domains);
        assertTrue(console.startsWith(banner), () -> "no boot banner '" + banner.trim() + "' in: " + console);
        return console.substring(banner.length());
    }
}
