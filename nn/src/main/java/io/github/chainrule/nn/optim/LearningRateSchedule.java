package io.github.chainrule.nn.optim;

/**
 * The learning rate as a function of the epoch (or step) t = 0, 1, 2, …; apply it with
 * {@code optimizer.setLearningRate(schedule.rate(t))} (the {@code Trainer} does so at the start
 * of every epoch).
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** η_t, the learning rate for epoch {@code t ≥ 0}. */
    double rate(int t);

    /** η_t = η₀. */
    static LearningRateSchedule constant(double rate) {
        check("constant", rate);
        return t -> rate;
    }

    /**
     * Step decay: η_t = η₀ · γ^⌊t / stepSize⌋ (PyTorch's {@code StepLR}).
     *
     * @throws IllegalArgumentException for a step size below 1 or γ outside (0, 1]
     */
    static LearningRateSchedule step(double initial, int stepSize, double gamma) {
        check("step", initial);
        if (stepSize < 1) {
            throw new IllegalArgumentException("LearningRateSchedule.step: step size must be >= 1, got " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("LearningRateSchedule.step: gamma must be in (0, 1], got " + gamma);
        }
        return t -> initial * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /**
     * Cosine annealing: η_t = η_min + ½(η₀ − η_min)(1 + cos(π t / T)) for t ≤ T, η_min after
     * (PyTorch's {@code CosineAnnealingLR} without restarts).
     *
     * @throws IllegalArgumentException for T below 1 or η_min outside [0, η₀]
     */
    static LearningRateSchedule cosine(double initial, double minimum, int periods) {
        check("cosine", initial);
        if (periods < 1) {
            throw new IllegalArgumentException("LearningRateSchedule.cosine: T must be >= 1, got " + periods);
        }
        if (!(minimum >= 0 && minimum <= initial)) {
            throw new IllegalArgumentException("LearningRateSchedule.cosine: minimum must be in [0, " + initial
                    + "], got " + minimum);
        }
        return t -> t >= periods ? minimum
                : minimum + 0.5 * (initial - minimum) * (1 + Math.cos(Math.PI * t / periods));
    }

    private static void check(String which, double rate) {
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("LearningRateSchedule." + which
                    + ": learning rate must be a finite number >= 0, got " + rate);
        }
    }
}
