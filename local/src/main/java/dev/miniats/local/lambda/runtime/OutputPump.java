package dev.miniats.local.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a process's stdout or stderr and hands every complete line to {@code lines}: what
 * Lambda turns into the invocation's CloudWatch log events. {@link #drained()} tells whether
 * everything the process wrote so far has been handed on, so an invocation's last lines are
 * attributed to it before it is reported. One reader thread; {@link #drained()} from any thread.
 */
final class OutputPump implements Runnable {
    /** A longer line is cut here, as Lambda cuts a log event at 256 KB. */
    static final int MAX_LINE_BYTES = 256 * 1024;

    private final InputStream in;
    private final Consumer<String> lines;
    private volatile boolean waiting;
    private volatile boolean finished;
    private volatile long reads;
    private volatile long consumed;

    OutputPump(InputStream in, Consumer<String> lines) {
        this.in = in;
        this.lines = lines;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[16 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (in) {
            while (true) {
                waiting = true;
                int n = in.read(buffer);
                waiting = false;
                reads++;
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        emit(line);
                    } else if (line.size() < MAX_LINE_BYTES) {
                        line.write(b);
                    }
                }
                consumed += n;
            }
        } catch (IOException e) {
            // the process is gone; what was read is handed on below
        } finally {
            if (line.size() > 0) {
                emit(line);
            }
            finished = true;
            waiting = false;
        }
    }

    private void emit(ByteArrayOutputStream line) {
        int size = line.size();
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        lines.accept(size > 0 && text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }

    /** Whether the process closed the stream and everything in it was handed on. */
    boolean finished() {
        return finished;
    }

    /** Bytes read and handed on so far (complete lines; a last line without its newline waits for it). */
    long consumed() {
        return consumed;
    }

    /**
     * True when the reader is blocked waiting for more output. The process's pipe stream locks
     * itself while a read blocks, so {@code available()} cannot be asked; but output written before
     * the runtime answered is in the pipe already, and a read with data in the pipe does not block:
     * a reader seen waiting twice, a moment apart, with no read in between, has read it all.
     */
    boolean drained() {
        if (finished) {
            return true;
        }
        long before = reads;
        if (!waiting) {
            return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        return waiting && reads == before;
    }
}
