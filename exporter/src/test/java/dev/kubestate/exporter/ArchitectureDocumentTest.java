package dev.kubestate.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md stays true: every module ({@code name/}) and package ({@code dev.kubestate.x}) it
 * names in code spans exists, and it names every module and main package there is.
 */
class ArchitectureDocumentTest {

  private static final Path REPOSITORY = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("`([a-z]+)/`");
  private static final Pattern PACKAGE = Pattern.compile("`(dev\\.kubestate(?:\\.[a-z]+)+)`");

  @Test
  void everyModuleAndPackageItNamesExists() throws IOException {
    String text = document();
    Set<String> missing = new TreeSet<>();
    for (String module : names(MODULE, text)) {
      if (!Files.isRegularFile(REPOSITORY.resolve(module).resolve("pom.xml"))) {
        missing.add(module + "/");
      }
    }
    Set<String> packages = ArchitectureTest.mainPackages().keySet();
    for (String pkg : names(PACKAGE, text)) {
      if (!packages.contains(pkg)) {
        missing.add(pkg);
      }
    }
    assertEquals(Set.of(), missing, "named in ARCHITECTURE.md but absent");
  }

  @Test
  void itNamesEveryModuleAndPackage() throws IOException {
    String text = document();
    Set<String> unnamed = new TreeSet<>(ArchitectureTest.mainPackages().keySet());
    unnamed.removeAll(names(PACKAGE, text));
    String pom = Files.readString(REPOSITORY.resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<module>([a-z]+)</module>").matcher(pom);
    Set<String> modules = names(MODULE, text);
    int count = 0;
    while (m.find()) {
      count++;
      if (!modules.contains(m.group(1))) {
        unnamed.add(m.group(1) + "/");
      }
    }
    assertTrue(count > 0, "no modules in pom.xml");
    assertEquals(Set.of(), unnamed, "missing from ARCHITECTURE.md");
  }

  private static String document() throws IOException {
    return Files.readString(REPOSITORY.resolve("ARCHITECTURE.md"), StandardCharsets.UTF_8);
  }

  private static Set<String> names(Pattern pattern, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
