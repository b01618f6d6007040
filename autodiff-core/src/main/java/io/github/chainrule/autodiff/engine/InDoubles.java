package io.github.chainrule.autodiff.engine;

/**
 * The scalar fast path: in a first-order sweep, a node whose rule is a {@link LocalRule} passes
 * its gradient on as plain doubles, ∂L/∂in_k += g · ∂out/∂in_k, from the values of the rule's
 * partials, gathered in each input's double slot. No node is made per gradient; the result is
 * the same as applying the rule ({@link LocalRule#apply}) and accumulating the nodes.
 */
final class InDoubles {
    private InDoubles() {
    }

    /**
     * Visits {@code node} in doubles and returns true, or returns false when the general step
     * must do it (its gradient is reported as a node: kept or wanted).
     */
    static boolean visit(Node node, LocalRule local, Sweep sweep) {
        if (sweep.reports(node)) {
            return false;
        }
        Node gradient = node.pending;
        if (!node.pendingHasValue && gradient == null) {
            return true;
        }
        double g = !node.pendingHasValue ? local.valueOf(gradient)
                : gradient == null ? node.pendingValue : node.pendingValue + local.valueOf(gradient);
        node.pending = null;
        node.pendingHasValue = false;
        node.pendingValue = 0;
        for (int k = 0, arity = node.arity(); k < arity; k++) {
            Node input = node.input(k);
            if (!input.requiresGrad) {
                continue;
            }
            Node p = local.partial(k, node);
            if (p != local.zero()) {
                // The zero-safe product: a zero gradient stays 0 even where the partial is ±∞ or
                // NaN (an unused branch); for a finite partial it is exactly g·∂.
                double d = p == local.one() ? 1 : local.valueOf(p);
                sweep.addValue(input, g == 0 && !Double.isFinite(d) ? 0.0 : g * d);
            }
        }
        return true;
    }
}
