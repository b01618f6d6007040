package io.github.chainrule.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Runs an epoch as one Spark barrier stage ({@code rdd.barrier().mapPartitions}): all tasks
 * start together or not at all, may talk to each other through {@link
 * org.apache.spark.BarrierTaskContext}, and fail together: if one task fails, Spark aborts the
 * stage (and kills its other tasks) instead of retrying the one task.
 */
final class BarrierStage {
    private BarrierStage() {
    }

    /** The results of {@code task} over {@code data}'s partitions, in partition order. */
    static List<EpochResult> run(JavaRDD<Sample> data, EpochTask task) {
        ClassTag<EpochResult> tag = ClassTag$.MODULE$.apply(EpochResult.class);
        RDD<EpochResult> out = data.rdd().barrier().mapPartitions(new TaskFunction(task), false, tag);
        return JavaRDD.fromRDD(out, tag).collect();
    }

    /** The task as the Scala function Spark's barrier API takes. */
    private static final class TaskFunction extends AbstractFunction1<Iterator<Sample>, Iterator<EpochResult>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final EpochTask task;

        TaskFunction(EpochTask task) {
            this.task = task;
        }

        @Override
        public Iterator<EpochResult> apply(Iterator<Sample> rows) {
            return CollectionConverters.asScala(task.run(CollectionConverters.asJava(rows)));
        }
    }
}
