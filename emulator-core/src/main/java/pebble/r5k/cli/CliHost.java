package pebble.r5k.cli;

/**
 * What a root {@code pebble} command tells the subcommands below it about the host they run in. Subcommands
 * read it through {@code @ParentCommand CliHost host}, so they depend on this interface and never on the root
 * class, which lives at the top of the module graph ({@code bench}) where every module's subcommands meet.
 */
public interface CliHost {
    /**
     * Whether a guest may read the host's stdin as console input. True for the command-line tool; false when
     * embedded: a host program's stdin is not the guest's (under Maven Surefire it is the test runner's own
     * command channel), so embedded runs get input only from {@code --console-in FILE}.
     */
    boolean hostStdin();
}
