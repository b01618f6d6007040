package io.github.chainrule.nn.train;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run's checkpoint in one safetensors file: the model's state under its own names,
 * the optimiser's under {@code "optimizer/"}, and the trainer's position, partial sums,
 * history and early-stopping state under {@code "trainer/"}. Every value is stored as F64, so a
 * run resumed from it continues bit for bit.
 */
final class TrainingCheckpoint {
    private static final String PREFIX = "trainer/";
    private static final String CONFIG = PREFIX + "config";
    private static final String POSITION = PREFIX + "position";
    private static final String HISTORY = PREFIX + "history";
    private static final String BEST = PREFIX + "best/";
    private static final int STATS_FIELDS = 7;

    private TrainingCheckpoint() {
    }

    /** The seed (as two exact 32-bit halves), the batch size and the training set's size. */
    static double[] config(long seed, int batchSize, int samples) {
        return new double[] {seed >>> 32, seed & 0xFFFFFFFFL, batchSize, samples};
    }

    static void save(Path path, Module model, Optimizer optimizer, RunState run, double[] config) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateDict());
        optimizer.stateDict().forEach((name, t) -> tensors.put(Checkpoints.OPTIMIZER_PREFIX + name, t));
        tensors.put(CONFIG, Tensor.vector(config));
        tensors.put(POSITION, Tensor.vector(run.epoch, run.nextBatch, run.lossSum, run.metricSum, run.best,
                run.bestEpoch, run.sinceBest));
        double[] history = new double[run.history.size() * STATS_FIELDS];
        for (int i = 0; i < run.history.size(); i++) {
            EpochStats s = run.history.get(i);
            double[] row = {s.epoch(), s.trainLoss(), s.trainMetric(), s.validationLoss(), s.validationMetric(),
                s.learningRate(), s.millis()};
            System.arraycopy(row, 0, history, i * STATS_FIELDS, STATS_FIELDS);
        }
        tensors.put(HISTORY, Tensor.of(history, run.history.size(), STATS_FIELDS));
        if (run.bestState != null) {
            run.bestState.forEach((name, t) -> tensors.put(BEST + name, t));
        }
        Checkpoints.writeTensors(path, tensors, Map.of("content", "training checkpoint"));
    }

    /**
     * Loads the model's and optimiser's state from {@code path} and returns the run's state.
     * Everything is checked before the model or the optimiser changes.
     *
     * @throws IllegalArgumentException when the file is not a training checkpoint of this
     *     configuration (seed, batch size, data set size), or its names or shapes do not fit
     */
    static RunState restore(Path path, Module model, Optimizer optimizer, double[] config) throws IOException {
        Map<String, Tensor> modelState = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        Map<String, Tensor> trainer = new LinkedHashMap<>();
        Map<String, Tensor> best = new LinkedHashMap<>();
        Checkpoints.readTensors(path).forEach((name, t) -> {
            if (name.startsWith(BEST)) {
                best.put(name.substring(BEST.length()), t);
            } else if (name.startsWith(PREFIX)) {
                trainer.put(name, t);
            } else if (name.startsWith(Checkpoints.OPTIMIZER_PREFIX)) {
                optimizerState.put(name.substring(Checkpoints.OPTIMIZER_PREFIX.length()), t);
            } else {
                modelState.put(name, t);
            }
        });
        List<String> problems = new ArrayList<>();
        Tensor saved = trainer.get(CONFIG);
        if (saved == null || trainer.get(POSITION) == null || trainer.get(HISTORY) == null) {
            problems.add("not a training checkpoint (no " + CONFIG + ", " + POSITION + " or " + HISTORY + ")");
        } else if (!Arrays.equals(saved.toArray(), config)) {
            problems.add("written by a run with seed, batch size and training set size " + describe(saved.toArray())
                    + ", but this run has " + describe(config) + "; the data order would differ");
        }
        problems.addAll(optimizer.checkState(optimizerState));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(path + ": cannot resume: " + String.join("; ", problems));
        }
        try {
            model.loadStateDict(modelState);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": cannot resume: " + e.getMessage(), e);
        }
        optimizer.loadStateDict(optimizerState);
        return runState(trainer.get(POSITION).toArray(), trainer.get(HISTORY), best);
    }

    private static RunState runState(double[] p, Tensor history, Map<String, Tensor> best) {
        RunState run = new RunState();
        run.epoch = (int) p[0];
        run.nextBatch = (int) p[1];
        run.lossSum = p[2];
        run.metricSum = p[3];
        run.best = p[4];
        run.bestEpoch = (int) p[5];
        run.sinceBest = (int) p[6];
        double[] h = history.toArray();
        for (int i = 0; i < history.dim(0); i++) {
            int o = i * STATS_FIELDS;
            run.history.add(new EpochStats((int) h[o], h[o + 1], h[o + 2], h[o + 3], h[o + 4], h[o + 5], (long) h[o + 6]));
        }
        run.bestState = best.isEmpty() ? null : best;
        return run;
    }

    private static String describe(double[] config) {
        long seed = ((long) config[0] << 32) | (long) config[1];
        return seed + ", " + (long) config[2] + ", " + (long) config[3];
    }
}
