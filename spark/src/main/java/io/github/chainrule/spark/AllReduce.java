package io.github.chainrule.spark;

/**
 * The collective of a barrier stage's tasks: every task passes its vector and receives the sum
 * over all tasks, added in partition order, so that every task gets the very same bits.
 */
interface AllReduce {
    /** Σ_p local_p over the tasks, in partition order; every task must call it, with equal lengths. */
    double[] sum(double[] local);

    /** Every task's {@code value}, indexed by partition. */
    long[] gather(long value);
}
