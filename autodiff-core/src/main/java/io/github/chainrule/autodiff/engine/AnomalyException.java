package io.github.chainrule.autodiff.engine;

/**
 * Raised in anomaly mode when an operation produces a NaN or an infinity, in forward or in
 * backward. The message names the operation, whether the value arose in forward or in
 * backward, where the user's code created it (the first stack frame outside chainrule), and
 * each input's shape with its minimum, maximum and count of NaNs, e.g.
 * <pre>
 * anomaly in backward: 'sqrt' produced a non-finite gradient for input 0 of shape (2,)
 * (gradient: shape (2,) min 0.25 max Infinity NaNs 0), created at my.Model.loss(Model.java:42);
 * inputs: shape (2,) min 0.0 max 4.0 NaNs 0
 * </pre>
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private AnomalyException(String message) {
        super(message);
    }

    /** A non-finite gradient produced by {@code node}'s rule for its input {@code k}. */
    static AnomalyException inBackward(Node node, int k, Node gradient) {
        return new AnomalyException("anomaly in backward: '" + node.op + "' produced a non-finite gradient for input "
                + k + " of shape " + node.input(k).shapeString() + " (gradient: " + gradient.describeValues() + ")"
                + where(node) + inputsOf(node));
    }

    /** A non-finite value produced in forward by {@code node}. */
    public static AnomalyException inForward(Node node) {
        return new AnomalyException("anomaly in forward: '" + node.op + "' produced a non-finite value ("
                + node.describeValues() + ")" + where(node) + inputsOf(node));
    }

    private static String where(Node node) {
        return node.creationSite() == null ? "" : ", created at " + node.creationSite();
    }

    private static String inputsOf(Node node) {
        StringBuilder text = new StringBuilder("; inputs:");
        for (int i = 0; i < node.arity(); i++) {
            text.append(i == 0 ? " " : ", ").append(node.input(i).describeValues());
        }
        return text.toString();
    }
}
