package io.github.chainrule.nn.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.chainrule.autodiff.engine.BackwardRule;
import io.github.chainrule.autodiff.engine.Node;
import io.github.chainrule.nn.Module;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md, principle 4: nn holds no derivative. nn's classes may use Tensor and Scalar, but never
 * the engine (where backward rules are plugged in) nor the kernels, and none of them is a
 * graph node type or a backward rule.
 */
class NnArchitectureTest {
    private static final String ENGINE = "io.github.chainrule.autodiff.engine..";
    private static final String KERNEL = "io.github.chainrule.autodiff.kernel..";

    /** Only nn's own production classes: the directory its {@link Module} was compiled into. */
    private static JavaClasses nnClasses() throws Exception {
        Path classes = Paths.get(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        assertTrue(imported.size() > 30, "expected nn's classes, imported " + imported.size() + " from " + classes);
        return imported;
    }

    private static final ArchRule NO_ENGINE_OR_KERNEL = noClasses().that().resideInAPackage("io.github.chainrule.nn..")
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, KERNEL)
            .because("nn computes no derivative: gradients come from the graph (docs/ARCHITECTURE.md, principle 4)");

    private static final ArchRule NO_BACKWARD_RULES = noClasses().that().resideInAPackage("io.github.chainrule.nn..")
            .should().beAssignableTo(BackwardRule.class).orShould().beAssignableTo(Node.class)
            .because("a backward rule or a new node type would be a hand-written derivative");

    @Test
    void nnDoesNotDependOnTheEngineOrTheKernels() throws Exception {
        NO_ENGINE_OR_KERNEL.check(nnClasses());
    }

    @Test
    void noClassInNnImplementsABackwardRule() throws Exception {
        NO_BACKWARD_RULES.check(nnClasses());
    }

    @Test
    void nnClassesLiveOnlyInNnPackages() throws Exception {
        // A class placed in io.github.chainrule.autodiff could reach package-private rule hooks.
        classes().should().resideInAPackage("io.github.chainrule.nn..").check(nnClasses());
    }

    @Test
    void theRulesCatchAViolation() {
        JavaClasses bad = new ClassFileImporter().importClasses(HandWrittenRule.class);
        assertTrue(NO_ENGINE_OR_KERNEL.evaluate(bad).hasViolation(), "engine dependency not detected");
        assertTrue(NO_BACKWARD_RULES.evaluate(bad).hasViolation(), "backward rule not detected");
    }

    /** What nn must never contain: a derivative written by hand. */
    static final class HandWrittenRule implements BackwardRule {
        @Override
        public Node[] apply(Node gradOutput, Node output) {
            return new Node[] {gradOutput};
        }
    }
}
