package dev.kubestate.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The architecture of ARCHITECTURE.md, read from the main sources of every module: each package
 * uses only the packages its rule allows (so dependencies point one way, nothing calls back up and
 * no cycle forms), keeps out of the libraries its rule forbids, the product needs neither the demo
 * nor the test API server, nothing is a grab bag, and no main class exceeds 400 lines nor method 60
 * (tables aside).
 */
class ArchitectureTest {

  private static final String SHARDING = "dev.kubestate.sharding";
  private static final String E = "dev.kubestate.exporter.";
  private static final String APISERVER = "dev.kubestate.apiserver";
  private static final String WORLD = "dev.kubestate.demo.world";
  private static final String RUN = "dev.kubestate.demo.run";

  private static final String FABRIC8 = "io.fabric8";
  private static final String CLIENT = "io.fabric8.kubernetes.client";
  private static final String VERTX = "io.vertx";
  private static final String MICROMETER = "io.micrometer";
  private static final String PICOCLI = "picocli";

  /** The mock server's packages: only the test API server may use them. */
  private static final List<String> MOCK =
      List.of("io.fabric8.kubernetes.client.server.mock", "io.fabric8.mockwebserver");

  private static final Set<String> EXPORTER_BUT_CLI =
      Set.of(
          E + "exposition",
          E + "metrics",
          E + "resources",
          E + "store",
          E + "apirequests",
          E + "informers",
          E + "resharding",
          E + "fleet",
          E + "server",
          E + "telemetry",
          E + "webaccess",
          E + "process");

  /** Package -> the project packages it may use besides itself: ARCHITECTURE.md's table. */
  private static final Map<String, Set<String>> MAY_USE =
      Map.ofEntries(
          Map.entry(SHARDING, Set.of()),
          Map.entry(E + "exposition", Set.of()),
          Map.entry(E + "metrics", Set.of(E + "exposition")),
          Map.entry(E + "resources", Set.of(E + "metrics", E + "exposition")),
          Map.entry(E + "store", Set.of(E + "metrics", E + "exposition")),
          Map.entry(E + "apirequests", Set.of(E + "metrics", SHARDING)),
          Map.entry(E + "informers", Set.of(E + "store", E + "metrics", E + "resources")),
          Map.entry(
              E + "resharding", Set.of(E + "informers", E + "store", E + "apirequests", SHARDING)),
          Map.entry(E + "fleet", Set.of(SHARDING)),
          Map.entry(E + "webaccess", Set.of()),
          Map.entry(
              E + "server", Set.of(E + "store", E + "exposition", E + "metrics", E + "webaccess")),
          Map.entry(
              E + "telemetry",
              Set.of(
                  E + "server",
                  E + "webaccess",
                  E + "store",
                  E + "informers",
                  E + "resharding",
                  E + "apirequests",
                  E + "metrics",
                  SHARDING)),
          Map.entry(E + "process", union(EXPORTER_BUT_CLI, Set.of(SHARDING))),
          Map.entry(E + "cli", union(EXPORTER_BUT_CLI, Set.of(SHARDING))),
          Map.entry(APISERVER, Set.of(SHARDING)),
          Map.entry(WORLD, Set.of()),
          Map.entry(RUN, Set.of(WORLD, APISERVER, E + "process", E + "apirequests", SHARDING)),
          Map.entry(
              "dev.kubestate.demo.cli",
              Set.of(RUN, APISERVER, E + "cli", E + "process", E + "apirequests", SHARDING)),
          Map.entry("dev.kubestate.benchmarks", Set.of("*")));

  /** Package -> library prefixes it must never use. */
  private static final Map<String, List<String>> MUST_NOT_USE =
      Map.ofEntries(
          Map.entry(SHARDING, List.of(FABRIC8, VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "exposition", List.of(FABRIC8, VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "metrics", List.of(FABRIC8, VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "resources", List.of(CLIENT, VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "store", List.of(FABRIC8, VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "apirequests", List.of(VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "informers", List.of(VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "resharding", List.of(FABRIC8, VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "fleet", List.of(VERTX, MICROMETER, PICOCLI)),
          Map.entry(E + "webaccess", List.of(MICROMETER, PICOCLI)),
          Map.entry(E + "server", List.of(FABRIC8, MICROMETER, PICOCLI)),
          Map.entry(E + "telemetry", List.of(FABRIC8, PICOCLI)),
          Map.entry(E + "process", List.of(PICOCLI)),
          Map.entry(WORLD, List.of(VERTX, MICROMETER, PICOCLI)),
          Map.entry(RUN, List.of(PICOCLI)));

  /** Methods that are tables: one row per family or rule, long by nature. */
  private static final Set<String> TABLES =
      Set.of(
          E + "resources.*#families",
          WORLD + ".RbacGrants#bootstrap",
          WORLD + ".RbacGrants#addOnTable");

  private static final int MAX_CLASS_LINES = 400;
  private static final int MAX_METHOD_LINES = 60;

  private static final Path REPOSITORY = Path.of("..");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+);");

  @Test
  void everyPackageHasARule() throws IOException {
    Set<String> missing = new TreeSet<>(mainPackages().keySet());
    missing.removeAll(MAY_USE.keySet());
    assertEquals(Set.of(), missing, "packages without a rule in ArchitectureTest.MAY_USE");
    Set<String> gone = new TreeSet<>(MAY_USE.keySet());
    gone.removeAll(mainPackages().keySet());
    assertEquals(Set.of(), gone, "rules for packages that no longer exist");
  }

  @Test
  void packagesUseOnlyWhatTheirRuleAllows() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<Path>> pkg : mainPackages().entrySet()) {
      Set<String> allowed = MAY_USE.getOrDefault(pkg.getKey(), Set.of());
      for (Path file : pkg.getValue()) {
        for (String used : projectPackagesUsed(file)) {
          if (!used.equals(pkg.getKey()) && !allowed.contains(used) && !allowed.contains("*")) {
            violations.add(REPOSITORY.relativize(file) + " uses " + used);
          }
        }
      }
    }
    assertEquals(List.of(), violations, "package rules (ARCHITECTURE.md) broken");
  }

  @Test
  void packagesKeepOutOfTheLibrariesTheirRuleForbids() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<Path>> pkg : mainPackages().entrySet()) {
      List<String> forbidden = new ArrayList<>(MUST_NOT_USE.getOrDefault(pkg.getKey(), List.of()));
      if (!pkg.getKey().equals(APISERVER)) {
        forbidden.addAll(MOCK);
      }
      for (Path file : pkg.getValue()) {
        for (String imported : imports(file)) {
          for (String prefix : forbidden) {
            if (imported.startsWith(prefix + ".")) {
              violations.add(REPOSITORY.relativize(file) + " imports " + imported);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations, "library rules (ARCHITECTURE.md) broken");
  }

  @Test
  void noPackageCycle() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (Map.Entry<String, List<Path>> pkg : mainPackages().entrySet()) {
      Set<String> out = new TreeSet<>();
      for (Path file : pkg.getValue()) {
        out.addAll(projectPackagesUsed(file));
      }
      out.remove(pkg.getKey());
      uses.put(pkg.getKey(), out);
    }
    List<String> cycle = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (String start : uses.keySet()) {
      if (cycle.isEmpty()) {
        findCycle(start, uses, new ArrayList<>(), done, cycle);
      }
    }
    assertEquals(List.of(), cycle, "package cycle");
  }

  /** Depth-first search; fills {@code cycle} with the first cycle found. */
  private static void findCycle(
      String at,
      Map<String, Set<String>> uses,
      List<String> path,
      Set<String> done,
      List<String> cycle) {
    if (!cycle.isEmpty() || done.contains(at)) {
      return;
    }
    int seen = path.indexOf(at);
    if (seen >= 0) {
      cycle.addAll(path.subList(seen, path.size()));
      cycle.add(at);
      return;
    }
    path.add(at);
    for (String next : uses.getOrDefault(at, Set.of())) {
      findCycle(next, uses, path, done, cycle);
    }
    path.remove(path.size() - 1);
    done.add(at);
  }

  @Test
  void theProductNeedsNeitherTheDemoNorTheTestApiServer() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<Path>> pkg : mainPackages().entrySet()) {
      if (!pkg.getKey().startsWith(E)) {
        continue;
      }
      for (Path file : pkg.getValue()) {
        for (String imported : imports(file)) {
          if (imported.startsWith("dev.kubestate.demo.") || imported.startsWith(APISERVER + ".")) {
            violations.add(REPOSITORY.relativize(file) + " imports " + imported);
          }
        }
      }
    }
    assertEquals(List.of(), violations, "the exporter uses the demo or the test API server");
    String pom = Files.readString(REPOSITORY.resolve("exporter/pom.xml"), StandardCharsets.UTF_8);
    assertTrue(!pom.contains("kubernetes-server-mock"), "exporter/pom.xml names the mock server");
    Matcher apiserver =
        Pattern.compile("<artifactId>apiserver</artifactId>\\s*<scope>(\\w+)</scope>").matcher(pom);
    assertTrue(apiserver.find() && apiserver.group(1).equals("test"), "apiserver: test scope");
    assertTrue(!pom.contains("<artifactId>demo</artifactId>"), "exporter/pom.xml names the demo");
  }

  @Test
  void everyPackageSaysWhatLivesThereAndWhatItDependsOn() throws IOException {
    List<String> bad = new ArrayList<>();
    for (Path root : mainRoots()) {
      try (Stream<Path> dirs = Files.walk(root)) {
        List<Path> packages =
            dirs.filter(Files::isDirectory).filter(ArchitectureTest::holdsSources).toList();
        for (Path dir : packages) {
          Path info = dir.resolve("package-info.java");
          if (!Files.isRegularFile(info)) {
            bad.add(REPOSITORY.relativize(dir) + ": no package-info.java");
            continue;
          }
          String text = javadoc(Files.readString(info, StandardCharsets.UTF_8));
          int sentences = sentences(text);
          if (sentences < 2 || sentences > 5 || !text.toLowerCase(Locale.ROOT).contains("depend")) {
            bad.add(
                REPOSITORY.relativize(info)
                    + ": "
                    + sentences
                    + " sentences, 2-5 wanted,"
                    + " saying what lives there and what it depends on");
          }
        }
      }
    }
    assertEquals(List.of(), bad, "package documentation (STYLE.md)");
  }

  private static boolean holdsSources(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(
          f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the first javadoc comment, without its stars, tags and markup. */
  private static String javadoc(String source) {
    Matcher m = Pattern.compile("(?s)/\\*\\*(.*?)\\*/").matcher(source);
    if (!m.find()) {
      return "";
    }
    return m.group(1)
        .replaceAll("(?m)^\\s*\\* ?", "")
        .replaceAll("\\{@\\w+[^}]*}", "X")
        .replaceAll("<[^>]+>", " ")
        .replace("e.g.", "eg")
        .replace("i.e.", "ie");
  }

  private static int sentences(String text) {
    Matcher m = Pattern.compile("[.!?](\\s|$)").matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void noGrabBagPackagesOrClasses() throws IOException {
    List<String> bad = new ArrayList<>();
    for (Path root : mainRoots()) {
      try (Stream<Path> files = Files.walk(root)) {
        files.forEach(
            p -> {
              String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
              if (name.matches("(utils?|helpers?|common|misc|base)(\\.java)?")
                  || name.matches(".*(utils?|helpers?|manager)\\.java")) {
                bad.add(REPOSITORY.relativize(p).toString());
              }
            });
      }
    }
    assertTrue(bad.isEmpty(), "grab-bag names (STYLE.md): " + bad);
  }

  @Test
  void noMainClassExceeds400Lines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (List<Path> files : mainPackages().values()) {
      for (Path file : files) {
        long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
        if (lines > MAX_CLASS_LINES) {
          tooLong.add(REPOSITORY.relativize(file) + ": " + lines + " lines");
        }
      }
    }
    assertEquals(List.of(), tooLong, "main classes over " + MAX_CLASS_LINES + " lines");
  }

  @Test
  void noMethodExceeds60LinesButTables() throws IOException {
    List<Path> all = new ArrayList<>();
    mainPackages().values().forEach(all::addAll);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> tooLong = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  files,
                  d -> {},
                  List.of("-proc:none"),
                  null,
                  files.getJavaFileObjectsFromPaths(all));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        Path file = Path.of(unit.getSourceFile().toUri());
        LineMap lines = unit.getLineMap();
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethod(MethodTree method, Void unused) {
            if (method.getBody() != null) {
              long first = lines.getLineNumber(positions.getStartPosition(unit, method));
              long last = lines.getLineNumber(positions.getEndPosition(unit, method));
              String type = file.getFileName().toString().replace(".java", "");
              String pkg = String.valueOf(unit.getPackageName());
              if (last - first + 1 > MAX_METHOD_LINES
                  && !isTable(pkg, type, method.getName().toString())) {
                tooLong.add(type + "#" + method.getName() + ": " + (last - first + 1) + " lines");
              }
            }
            return super.visitMethod(method, unused);
          }
        }.scan(unit, null);
      }
    }
    assertEquals(List.of(), tooLong, "methods over " + MAX_METHOD_LINES + " lines");
  }

  /** Whether {@code method} of class {@code type} in package {@code pkg} is one of the tables. */
  private static boolean isTable(String pkg, String type, String method) {
    return TABLES.contains(pkg + ".*#" + method)
        || TABLES.contains(pkg + "." + type + "#" + method);
  }

  /** The main source roots of every module. */
  static List<Path> mainRoots() throws IOException {
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> modules = Files.list(REPOSITORY)) {
      for (Path module : modules.sorted().toList()) {
        Path root = module.resolve("src/main/java");
        if (Files.isRegularFile(module.resolve("pom.xml")) && Files.isDirectory(root)) {
          roots.add(root);
        }
      }
    }
    return roots;
  }

  /** Every main package of every module, with its source files (package-info excluded). */
  static Map<String, List<Path>> mainPackages() throws IOException {
    Map<String, List<Path>> out = new TreeMap<>();
    for (Path root : mainRoots()) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
          List<Path> sources = out.computeIfAbsent(pkg, k -> new ArrayList<>());
          if (!file.getFileName().toString().equals("package-info.java")) {
            sources.add(file);
          }
        }
      }
    }
    return out;
  }

  private static List<String> imports(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The project packages {@code file} imports from: the part before the first class name. */
  private static Set<String> projectPackagesUsed(Path file) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String imported : imports(file)) {
      if (!imported.startsWith("dev.kubestate.")) {
        continue;
      }
      List<String> pkg = new ArrayList<>();
      for (String part : imported.split("\\.")) {
        if (Character.isUpperCase(part.charAt(0))) {
          break;
        }
        pkg.add(part);
      }
      out.add(String.join(".", pkg));
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
