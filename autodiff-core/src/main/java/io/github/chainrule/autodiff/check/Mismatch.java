package io.github.chainrule.autodiff.check;

/**
 * One entry where backward and finite differences disagree.
 *
 * @param output the flat index of the output element (or the projection number)
 * @param input which input of the function
 * @param element the element of that input, one coordinate per axis
 * @param numerical the finite-difference estimate
 * @param analytical what backward computed
 */
public record Mismatch(int output, int input, int[] element, double numerical, double analytical) {

    /** |analytical − numerical|. */
    public double absoluteError() {
        return Math.abs(analytical - numerical);
    }

    /** |analytical − numerical| / max(|numerical|, 1e-12). */
    public double relativeError() {
        return absoluteError() / Math.max(Math.abs(numerical), 1e-12);
    }

    @Override
    public String toString() {
        return "Jacobian mismatch for output " + output + " with respect to input " + input + ", element "
                + java.util.Arrays.toString(element) + ": numerical " + numerical + " vs analytical " + analytical
                + " (abs error " + absoluteError() + ", rel error " + relativeError() + ")";
    }
}
