package io.github.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.io.Checkpoints;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.layers.Sequential;
import io.github.chainrule.nn.layers.Standardize;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a user's own CSV table, and the standardiser travelling with the model. */
class CsvDataTest {
    private static final String IRIS_LIKE = """
            sepal length,species,"petal, width"
            5.1,setosa,0.2
            7.0,versicolor,1.4

            6.3, virginica ,2.5
            4.9,setosa,"0.1"
            """;

    @TempDir
    Path dir;

    @Test
    void textLabelsBecomeSortedClassesAndTheOtherColumnsFeatures() {
        CsvData t = CsvData.classes(IRIS_LIKE, "species");
        assertEquals(List.of("sepal length", "petal, width"), t.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.classes());
        assertArrayEquals(new int[] {0, 1, 2, 0}, t.dataset().labels());
        assertArrayEquals(new double[] {5.1, 0.2, 7.0, 1.4, 6.3, 2.5, 4.9, 0.1}, t.dataset().features().toArray(), 0);
    }

    @Test
    void wholeNumberLabelsAreTheClassIndicesThemselves() {
        CsvData t = CsvData.classes("x,y\n1,2\n2,0\n3,10\n", "y");
        assertArrayEquals(new int[] {2, 0, 10}, t.dataset().labels());
        assertEquals(11, t.classes().size());
        assertEquals("10", t.classes().get(10));
    }

    @Test
    void aNumericTargetColumnGivesARegressionDataset() throws IOException {
        Path file = dir.resolve("houses.csv");
        Files.writeString(file, "rooms,price,age\n3,250.5,10\n5,410,2\n");
        CsvData t = CsvData.values(file, "price");
        assertEquals(List.of("rooms", "age"), t.featureNames());
        assertArrayEquals(new double[] {250.5, 410}, t.dataset().targets().toArray(), 0);
        assertArrayEquals(new double[] {3, 10, 5, 2}, t.dataset().features().toArray(), 0);
        assertThrows(IllegalStateException.class, t::classes);
    }

    @Test
    void aBadFieldIsNamedByLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvData.classes("a,b,label\n1,2,x\n1,oops,y\n", "label"));
        assertEquals("csv line 3, column 'b': 'oops' is not a finite number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvData.classes("a,label\n1,x\n1,2,y\n", "label"));
        assertEquals("csv line 3: 3 fields, but the header has 2 columns", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvData.classes("a,label\nNaN,x\n", "label"));
        assertEquals("csv line 2, column 'a': 'NaN' is not a finite number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvData.classes("a,b\n1,2\n", "label"));
        assertEquals("csv: no column 'label' in the header [a, b]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvData.classes("a,label\n", "label"));
        assertEquals("csv: a header but no rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CsvData.values(new StringReader("a,y\n1,\"2\n"), "table.csv", "y"));
        assertEquals("table.csv line 2: a quoted field is not closed", e.getMessage());
    }

    @Test
    void theStandardiserIsSavedWithTheModelAndAppliedToRawFeatures() throws IOException {
        Dataset train = CsvData.classes(IRIS_LIKE, "species").dataset();
        Standardizer st = Standardizer.fit(train);
        Module model = Sequential.of(st.asLayer(), MLP.of(2, 4, 3).build(1));
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(model, file);

        Module loaded = Sequential.of(new Standardize(2), MLP.of(2, 4, 3).build(99));
        Checkpoints.load(loaded, file);
        Standardize layer = (Standardize) ((Sequential) loaded).get(0);
        assertArrayEquals(st.mean(), layer.mean(), 0);
        assertArrayEquals(st.std(), layer.std(), 0);
        Tensor raw = Tensor.of(new double[][] {{6.0, 1.0}});
        assertArrayEquals(model.forward(raw).toArray(), loaded.forward(raw).toArray(), 0);
        // the layer standardises exactly as the standardiser does
        assertArrayEquals(st.transform(raw).toArray(), layer.forward(raw).toArray(), 0);
        assertEquals(0, layer.parameters().size(), "μ and s are buffers: no optimiser trains them");
    }
}
