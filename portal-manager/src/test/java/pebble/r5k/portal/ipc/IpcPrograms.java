package pebble.r5k.portal.ipc;

import pebble.r5k.portal.spec.ArgumentKind;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * Guest sources for the IPC tests (§7.1): a chain of domains 0 → 1 → … → n-1, each calling the next
 * through portal {@link #IPC_PORTAL} of its own table (for n = 1, domain 0 calls itself). Every program
 * starts its .text with {@code server}, the portal's entry, so the entry is USER_TEXT_VA in each domain.
 * Domains other than 0 have no work of their own: their thread exits at once (after which their portal
 * entry points stay callable: the domain's memory and tables remain), and domain 0 yields first so they
 * have exited before it calls in.
 */
public final class IpcPrograms {
    private IpcPrograms() {}

    static final int IPC_PORTAL = 16;
    /** Iterations of the measurement loop, as in the paper (§7: "All tests on Pebble were run 10,000 times"). */
    static final int ITERATIONS = 10_000;

    /** The constant the portal into domain {@code d} embeds (the {@code c} argument). */
    static long constantInto(int d) { return 0x1000L * (d + 1) + 0x11; }

    /** Word arguments domain 0 passes: distinct, so a swapped register shows. */
    static final long[] WORDS = {0, 0x3, 0x50, 0x700, 0x9000, 0xB0000, 0xD00000, 0x1};

    /** The window argument: an address inside window page 0. */
    static final long WINDOW_ARGUMENT = pebble.r5k.nucleus.layout.NucleusLayout.WINDOW_VA_BASE + 0x10;

    /** The value the leaf computes from the registers it receives: Σ arg_k << k over the spec's arguments. */
    static String leafSum(PortalSpec spec) {
        StringBuilder s = new StringBuilder("        move    $v0, $zero\n");
        for (int k = 0; k < spec.arguments().size(); k++) {
            String r = "$" + pebble.r5k.isa.Reg.name(PortalSpec.argumentRegister(k));
            s.append("        sll     $t4, ").append(r).append(", ").append(k).append('\n');
            s.append("        addu    $v0, $v0, $t4\n");
        }
        return s.toString();
    }

    /** Expected $v0 in domain 0 after one call along a chain of {@code n} domains. */
    static long expected(PortalSpec spec, int n) {
        int leaf = n - 1;
        long sum = 0;
        for (int k = 0; k < spec.arguments().size(); k++) {
            long v = switch (spec.arguments().get(k)) {
                case CONSTANT -> constantInto(leaf);
                case OWN_INDEX -> IPC_PORTAL;
                case WINDOW -> WINDOW_ARGUMENT;
                case WORD -> WORDS[k];
            };
            sum += v << k;
        }
        // every middle domain adds the constant its own portal gave it
        for (int d = 1; d < leaf; d++) sum += constantInto(d);
        return sum & 0xFFFFFFFFL;
    }

    /** The server of a middle domain: forwards the call with its own portal, then adds its constant ($a0). */
    static final String MIDDLE = """
            server:
                    addiu   $sp, $sp, -8
                    sw      $ra, 0($sp)
                    sw      $a0, 4($sp)
                    li      $v0, %d
                    syscall
                    lw      $a0, 4($sp)
                    lw      $ra, 0($sp)
                    addiu   $sp, $sp, 8
                    jr      $ra
                    addu    $v0, $v0, $a0
            """.formatted(IPC_PORTAL);

    /** The leaf server; {@code clobber} overwrites every callee-saved register before returning. */
    static String leaf(PortalSpec spec, boolean clobber) {
        StringBuilder s = new StringBuilder("server:\n").append(leafSum(spec));
        if (clobber) {
            String[] regs = {"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "gp", "fp"};
            for (int i = 0; i < regs.length; i++) s.append("        li      $").append(regs[i]).append(", ").append(0xBAD0 + i).append('\n');
            s.append("        move    $t9, $ra\n        li      $ra, 0xBADBAD\n        jr      $t9\n        nop\n");
        } else {
            s.append("        jr      $ra\n        nop\n");
        }
        return s.toString();
    }

    /** A domain other than 0: its server, and a thread that exits at once. */
    static String serverDomain(String server) {
        return "        .include \"pebble.inc\"\n        .set noreorder\n        .text\n" + server
                + "        .globl _start\n_start:\n        EXIT 0\n";
    }

    /** Loads the spec's arguments into their registers (constants are the portal's business: 0 here). */
    static String loadArguments(PortalSpec spec) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < spec.arguments().size(); k++) {
            String r = "$" + pebble.r5k.isa.Reg.name(PortalSpec.argumentRegister(k));
            // what the portal replaces (c, =) gets a value that would show if it were passed through; a window
            // argument is an address in window page 0, which domain 0 owns (IpcSystem)
            long v = switch (spec.arguments().get(k)) {
                case CONSTANT, OWN_INDEX -> 0xEEEE;
                case WINDOW -> WINDOW_ARGUMENT;
                case WORD -> WORDS[k];
            };
            s.append("        li      ").append(r).append(", ").append(v).append('\n');
        }
        return s.toString();
    }

    /** Domain 0 yields once per other domain, so their threads have exited before it calls in. */
    static String yieldToServers(int n) {
        return "        YIELD\n".repeat(Math.max(0, n - 1));
    }

    /** Prints $a0 as 8 hex digits and a newline, returning through $t7 (clobbers $t4..$t6, $a0, $v0). */
    static final String PUTHEX = puthex("$t7");

    /**
     * The guest routine {@code puthex}: prints $a0 as 8 hex digits and a newline, then returns through
     * {@code link} (clobbers $t4..$t6, $a0, $v0). Shared with the portal-manager server tests, which call it
     * with jal; the IPC drivers keep $ra for their own caller and enter it with $t7 set.
     */
    public static String puthex(String link) {
        return """
                puthex:
                        move    $t5, $a0
                        li      $t6, 8
                1:      srl     $a0, $t5, 28
                        sltiu   $t4, $a0, 10
                        bnez    $t4, 2f
                        addiu   $a0, $a0, '0'
                        addiu   $a0, $a0, 'a' - '0' - 10
                2:      li      $v0, PORTAL_PUTC
                        syscall
                        sll     $t5, $t5, 4
                        addiu   $t6, $t6, -1
                        bnez    $t6, 1b
                        nop
                        li      $a0, '\\n'
                        li      $v0, PORTAL_PUTC
                        syscall
                        jr      %s
                        nop
                """.formatted(link);
    }
}
