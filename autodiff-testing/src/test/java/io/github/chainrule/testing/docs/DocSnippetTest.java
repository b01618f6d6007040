package io.github.chainrule.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Check your custom loss" code is this module's LogCoshLossTest, word for word. */
class DocSnippetTest {

    @Test
    void documentedPropertyTestIsTheOneThatRuns() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String doc = readme.substring(readme.indexOf("## Check your custom loss"));
        int start = doc.indexOf("```java\n") + "```java\n".length();
        String snippet = doc.substring(start, doc.indexOf("```", start));
        String source = Files.readString(Path.of("src", "test", "java", "io", "github", "chainrule", "testing", "docs",
                "LogCoshLossTest.java"));
        String withoutPackage = source.substring(source.indexOf('\n') + 1).stripLeading();
        assertEquals(withoutPackage.strip(), snippet.strip());
    }
}
