package pebble.r5k.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Every host file the tools read or write goes through here, so that each failure is one line naming the path
 * and the operating system's reason ({@code Is a directory}, {@code No space left on device}), and no input can
 * exhaust the heap: only regular files are read (a FIFO would block, {@code /dev/zero} never ends) and their
 * size is checked against a limit before and while reading.
 */
public final class HostFiles {
    private HostFiles() {}

    /** Largest ELF image or binary read: the P-5064's largest RAM (256 MB), which no loadable image exceeds. */
    public static final long MAX_IMAGE_BYTES = 256L << 20;
    /** Largest text input (assembly source, include file, timing table, console input file). */
    public static final long MAX_TEXT_BYTES = 64L << 20;

    /** A host file problem, already phrased as {@code path: reason}. */
    public static final class HostFileException extends IOException {
        public HostFileException(String message) {
            super(message);
        }
    }

    /**
     * Reads a whole regular file of at most {@code maxBytes}; {@code what} names it in the message when it is
     * too large ("an image", "a console input file").
     */
    public static byte[] read(Path path, long maxBytes, String what) throws HostFileException {
        if (Files.isDirectory(path)) throw new HostFileException(path + ": Is a directory");
        if (!Files.exists(path)) throw new HostFileException(path + ": No such file or directory");
        if (!Files.isRegularFile(path)) {
            throw new HostFileException(path + ": not a regular file (a device, FIFO or socket); give a file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            if (Files.size(path) > maxBytes) throw tooLarge(path, maxBytes, what);
            byte[] bytes = in.readNBytes((int) maxBytes + 1); // the file may have grown since size()
            if (bytes.length > maxBytes) throw tooLarge(path, maxBytes, what);
            return bytes;
        } catch (HostFileException e) {
            throw e;
        } catch (IOException e) {
            throw new HostFileException(describe(path, e));
        }
    }

    private static HostFileException tooLarge(Path path, long maxBytes, String what) {
        return new HostFileException(path + ": too large for " + what + " (more than " + (maxBytes >> 20) + " MB)");
    }

    /**
     * Checks before a run that {@code out} can be created: its directory exists and it is not a directory
     * itself. The write at the end of a long run would otherwise be the first to notice.
     */
    public static void checkCreatable(Path out, String option) throws HostFileException {
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) throw new HostFileException(option + " " + out + ": Is a directory");
        if (dir != null && !Files.isDirectory(dir)) {
            throw new HostFileException(option + " " + out + ": No such file or directory (the directory "
                    + dir + " does not exist)");
        }
        if (dir != null && !Files.isWritable(dir) && !Files.isWritable(out)) {
            throw new HostFileException(option + " " + out + ": Permission denied");
        }
    }

    /** {@code path: reason} with the operating system's wording of the reason. */
    public static String describe(Path path, IOException e) {
        return path + ": " + reason(e);
    }

    /**
     * The OS reason of an I/O failure without Java's decoration: NIO exceptions carry the file name and the
     * reason separately (the message repeats the file), stream exceptions carry the reason as the message.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        if (e instanceof NotDirectoryException) return "Not a directory";
        if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason();
        String m = e.getMessage();
        return m != null && !m.isBlank() ? m : e.getClass().getSimpleName();
    }
}
