package pebble.r5k.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The console's host side: stdout, with write errors reported instead of swallowed. System.out is a
 * PrintStream, which hides every IOException: a closed pipe ({@code pebble run prog | head}) or a full disk
 * would let the run go on and drop the output silently. The command-line tool writes to descriptor 1 itself
 * (the exception carries the OS reason, "Broken pipe"); embedded runs write to System.out (which tests
 * capture) and ask it for errors at each flush.
 */
final class ConsoleSink {
    private ConsoleSink() {}

    static OutputStream stdout(boolean hostProcess) {
        OutputStream raw = hostProcess ? new FileOutputStream(FileDescriptor.out) : new Checked(System.out);
        return new BufferedOutputStream(raw, 1 << 12);
    }

    /** A PrintStream whose errors surface at flush ({@link PrintStream#checkError} flushes and tells). */
    private static final class Checked extends OutputStream {
        private final PrintStream out;

        Checked(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (out.checkError()) throw new IOException("write error on stdout");
        }
    }

    /** An output stream that keeps its first failure, for a PrintStream on top (which swallows it) to report. */
    static final class FailureKeeping extends java.io.FilterOutputStream {
        IOException failure;

        FailureKeeping(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                if (failure == null) failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                if (failure == null) failure = e;
                throw e;
            }
        }
    }
}
