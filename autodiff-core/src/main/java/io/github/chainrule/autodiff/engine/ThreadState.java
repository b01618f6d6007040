package io.github.chainrule.autodiff.engine;

/**
 * What the engine keeps per thread for recording: whether grad mode is on, and the thread's
 * {@link Tape}. They share one thread-local, so that recording a node looks the thread up once.
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> STATES = ThreadLocal.withInitial(ThreadState::new);

    /** The thread this state belongs to. */
    final Thread thread = Thread.currentThread();
    /** Whether new operations on this thread are recorded ({@link GradMode}). */
    boolean gradEnabled = true;
    final Tape tape = new Tape(this);

    private ThreadState() {
    }

    /** The calling thread's state. */
    static ThreadState current() {
        return STATES.get();
    }
}
