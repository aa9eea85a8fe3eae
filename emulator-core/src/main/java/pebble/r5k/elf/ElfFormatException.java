package pebble.r5k.elf;

/**
 * A host-side error: the bytes are not an ELF image the R5000 can run. The message is one line that
 * starts with the file's display name, e.g. {@code hello.elf: not an ELF file (bad magic)}.
 * Checked on purpose, so that every caller (CLI, loader) turns it into a diagnostic, not a stack trace.
 */
public final class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
