package dev.foryou.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets are real: every {@code ```java} block is a whole compilation unit that
 * compiles against the library, and the quick start runs and prints a monetised feed.
 */
class ReadmeSnippetTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PUBLIC_CLASS = Pattern.compile("public class (\\w+)");

  @Test
  void javaBlocks_compileAndQuickStartRuns(@TempDir Path dir) throws Exception {
    String readme = Files.readString(readme(), StandardCharsets.UTF_8);
    Matcher m = JAVA_BLOCK.matcher(readme);
    List<String> classes = new ArrayList<>();
    List<String> files = new ArrayList<>();
    while (m.find()) {
      String code = m.group(1);
      Matcher c = PUBLIC_CLASS.matcher(code);
      assertThat(c.find()).as("a README java block declares a public class:%n%s", code).isTrue();
      Path src = dir.resolve(c.group(1) + ".java");
      Files.writeString(src, code, StandardCharsets.UTF_8);
      classes.add(c.group(1));
      files.add(src.toString());
    }
    assertThat(classes).as("java blocks in the README").contains("QuickStart");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("tests run on a JDK").isNotNull();
    Path out = Files.createDirectories(dir.resolve("classes"));
    String cp = classPath();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", cp, "-Xlint:none"));
    args.addAll(files);
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    assertThat(rc).as("javac on the README blocks:%n%s", diagnostics).isZero();

    List<URL> urls = new ArrayList<>();
    urls.add(out.toUri().toURL());
    for (String e : cp.split(File.pathSeparator)) {
      urls.add(Path.of(e).toUri().toURL());
    }
    PrintStream saved = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.stream().filter(l -> l.startsWith("video v")).count())
        .as("a full second page of organic videos:%n%s", lines)
        .isEqualTo(10);
    assertThat(lines.stream().filter(l -> l.startsWith("ad g1-v1 at ")).count())
        .as("the one campaign's ad placed in the page:%n%s", lines)
        .isEqualTo(1);
  }

  private static Path readme() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path r = p.resolve("README.md");
      if (Files.isRegularFile(r) && Files.isRegularFile(p.resolve("mvnw"))) {
        return r;
      }
    }
    throw new IllegalStateException(
        "no README.md next to mvnw above " + Path.of("").toAbsolutePath());
  }

  /** The test class path, with a manifest-only jar (surefire's booter) expanded. */
  private static String classPath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      entries.add(e);
      if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e))) {
        try (JarFile jar = new JarFile(e)) {
          Manifest mf = jar.getManifest();
          String more = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
          if (more != null) {
            for (String u : more.trim().split("\\s+")) {
              entries.add(Path.of(java.net.URI.create(u)).toString());
            }
          }
        }
      }
    }
    String mp = System.getProperty("jdk.module.path");
    if (mp != null) {
      for (String e : mp.split(File.pathSeparator)) {
        if (!e.isEmpty()) {
          entries.add(e);
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
