package io.github.chainrule.autodiff.engine;

/**
 * Raised in anomaly mode when an operation produces a NaN or an infinity, in forward or in
 * backward. The message names the operation, where the user's code created it, and the
 * shapes involved.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private AnomalyException(String message) {
        super(message);
    }

    /** A non-finite gradient produced by {@code node}'s rule for its input {@code k}. */
    static AnomalyException inBackward(Node node, int k, Node gradient) {
        return new AnomalyException("anomaly in backward: '" + node.op + "' produced a non-finite gradient for input "
                + k + " of shape " + node.inputs[k].shapeString() + " (gradient: " + gradient.shapeString() + ")"
                + where(node) + inputsOf(node));
    }

    /** A non-finite value produced in forward by {@code node}. */
    public static AnomalyException inForward(Node node) {
        return new AnomalyException("anomaly in forward: '" + node.op + "' produced a non-finite value of shape "
                + node.shapeString() + where(node) + inputsOf(node));
    }

    private static String where(Node node) {
        return node.site == null ? "" : ", created at " + node.site;
    }

    private static String inputsOf(Node node) {
        StringBuilder text = new StringBuilder("; inputs:");
        for (int i = 0; i < node.inputs.length; i++) {
            text.append(i == 0 ? " " : ", ").append(node.inputs[i].describeValues());
        }
        return text.toString();
    }
}
