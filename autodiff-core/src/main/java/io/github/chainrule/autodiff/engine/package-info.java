/**
 * The backward engine: the graph's nodes and the one reverse sweep that differentiates them,
 * for scalar and tensor graphs alike.
 *
 * <h2>Where to start</h2>
 * {@link io.github.chainrule.autodiff.engine.Backward} holds the algorithm in one short loop:
 * <ol>
 *   <li><b>order</b>: the recorded nodes reachable from the output through nodes that require
 *       grad, each handed out before its inputs (reverse topological order);</li>
 *   <li><b>one loop</b> over them; at each node, the gradient its consumers have gathered for
 *       it is complete;</li>
 *   <li><b>apply the rule</b>: the node's {@link io.github.chainrule.autodiff.engine.BackwardRule}
 *       turns ∂L/∂out into ∂L/∂in_k for each input (a vector-Jacobian product written with the
 *       graph's own operations, so that with {@code createGraph} it is recorded and can be
 *       differentiated again);</li>
 *   <li><b>un-broadcast once</b>: each contribution is summed back to its input's shape
 *       ({@code Node.conformGradient}), here and nowhere in the rules;</li>
 *   <li><b>accumulate</b>: contributions to the same input add up (fan-out); a leaf's total is
 *       added into its {@code grad()} when the sweep completes, so a sweep that fails changes
 *       nothing.</li>
 * </ol>
 *
 * <h2>Specialisations behind the loop</h2>
 * They change how fast the loop runs, never what it computes, and each lives in its own class:
 * <ul>
 *   <li>{@code GraphOrder}: the order by an iterative depth-first search (no recursion, so a
 *       chain of a million nodes needs no deep stack); works for every graph.</li>
 *   <li>{@code TapeOrder} and {@code Tape}: single-valued ({@code Scalar}) nodes are appended
 *       to their thread's tape as they are created, and creation order is a topological order,
 *       so a first-order sweep of a graph the tape holds entirely walks the tape down from the
 *       root instead of searching (Stan Math's design).</li>
 *   <li>{@code InDoubles}: in a first-order sweep, a node whose rule is a
 *       {@link io.github.chainrule.autodiff.engine.LocalRule} (local partials ∂out/∂in_k) passes
 *       its gradient on as plain doubles, making no node per gradient.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Nothing recorded</b>: backward from an output that no operation recorded (nothing it
 *       came from requires grad, or recording was off) refuses, as PyTorch does.</li>
 *   <li><b>Versions</b>: a leaf changed in place ({@code Tensor.updateInPlace}) counts its
 *       versions; each recorded operation keeps the versions of its leaf inputs, and backward
 *       refuses to apply a rule whose input has changed since, naming the operation and the
 *       leaf.</li>
 *   <li><b>Threads</b>: grad mode and anomaly mode are per thread ({@link
 *       io.github.chainrule.autodiff.engine.GradMode}, {@link
 *       io.github.chainrule.autodiff.engine.Anomaly}). Threads may differentiate graphs that share
 *       leaves at the same time: {@code LeafGradients} adds every contribution exactly once. A
 *       recorded node is held by one sweep at a time (its stamp); a second sweep that reaches it
 *       refuses before writing anything.</li>
 *   <li><b>Memory</b>: a node holds its inputs, never its consumers, and the tape holds its
 *       segments weakly, so a graph is garbage once its output is unreachable, whatever its
 *       thread does next.</li>
 * </ul>
 *
 * <p>{@link io.github.chainrule.autodiff.engine.Node} is the common base of {@code Scalar} and
 * {@code Tensor}: their values, shapes and operations live outside this package; the engine
 * sees only inputs, rules and the few hooks a node type provides (its seed, how two of its
 * gradients add, how a gradient is fitted to its shape).
 */
package io.github.chainrule.autodiff.engine;
