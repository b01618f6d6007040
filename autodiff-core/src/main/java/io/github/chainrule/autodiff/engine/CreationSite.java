package io.github.chainrule.autodiff.engine;

import java.security.CodeSource;
import java.util.Optional;

/**
 * Where in the user's code a graph node was created: the first stack frame that is not part
 * of chainrule itself. Captured only when anomaly mode (or a checker that asks for it) is on,
 * because walking the stack costs microseconds.
 */
public final class CreationSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String className;
    private final String methodName;
    private final String fileName;
    private final int lineNumber;

    private CreationSite(StackWalker.StackFrame frame) {
        this.className = frame.getClassName();
        this.methodName = frame.getMethodName();
        this.fileName = frame.getFileName();
        this.lineNumber = frame.getLineNumber();
    }

    /** The first frame of the current stack outside chainrule's own (non-test) classes. */
    static CreationSite capture() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames ->
                frames.filter(f -> !isLibraryFrame(f.getDeclaringClass())).findFirst());
        return frame.map(CreationSite::new).orElse(null);
    }

    /**
     * A class belongs to the library when it lives in chainrule's packages and was not loaded
     * from a test-classes directory: chainrule's own tests count as user code.
     */
    static boolean isLibraryFrame(Class<?> type) {
        if (!type.getName().startsWith("io.github.chainrule.")) {
            return false;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null
                || !source.getLocation().toString().contains("test-classes");
    }

    /** The fully qualified name of the class whose code created the node. */
    public String className() {
        return className;
    }

    /** The method that created the node. */
    public String methodName() {
        return methodName;
    }

    /** {@code Class.method(File.java:line)}, as in a stack trace. */
    @Override
    public String toString() {
        return className + "." + methodName + "(" + fileName + ":" + lineNumber + ")";
    }
}
