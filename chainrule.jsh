// JShell start-up for chainrule: the imports a session needs. See the README ("Try it in JShell").
import io.github.chainrule.autodiff.*;
import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.nn.*;
import io.github.chainrule.nn.data.*;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.layers.*;
import io.github.chainrule.nn.loss.*;
import io.github.chainrule.nn.optim.*;
import io.github.chainrule.nn.train.*;
import org.apache.commons.math3.random.Well19937c;
import java.nio.file.Path;
import java.util.Arrays;
