package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.transport.jdkhttp.JdkHttpTransportProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Core's packaged jar carries Jackson 3 relocated (ADR 0013), so it runs beside any Jackson an
 * application has — here the set Spring Boot 3.5.0 manages (jackson-annotations, -core and
 * -databind 2.19.0), whose annotations lack the {@code JsonSerializeAs} that Jackson 3 databind
 * needs. The application is a child JVM with exactly a Boot 3.5 user's class path: core's jar, its
 * runtime dependencies, a transport and Jackson 2.19.0. A control run with core's original
 * (unshaded) jar and Jackson 3 shows the same class path failing as users saw it.
 *
 * <p>Needs the packaged jar: under {@code mvn test} (no package phase) core is a classes directory
 * and the tests are skipped; {@code mvn verify} runs them.
 */
class ShadedCoreTest {

  private static Path coreJar;

  @BeforeAll
  static void findCoreJar() {
    coreJar = location(ApiMartClient.class);
    assumeTrue(
        coreJar.toString().endsWith(".jar"),
        "core is not packaged (" + coreJar + "): run mvn verify to test the shaded jar");
  }

  @Test
  void coreRunsBesideSpringBoot35sJackson2() throws Exception {
    ChildJvm run = runProbe(coreJar, List.of(), true);

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .contains("application jackson-annotations has JsonSerializeAs: false")
        .containsPattern("submitted \\S+; task COMPLETED with 1 image\\(s\\)")
        .contains("application Jackson 2.19.0 wrote {\"ok\":true}");
  }

  @Test
  void theTestkitRunsInAUsersTestBesideSpringBoot35sJackson2() throws Exception {
    Path testkitJar = location(FakeApiMart.class);
    assumeTrue(testkitJar.toString().endsWith(".jar"), "the testkit is not packaged");

    ChildJvm run = runProbe(coreJar, List.of(testkitJar), false);

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .containsPattern("submitted \\S+; task COMPLETED with 1 image\\(s\\)")
        .contains("application Jackson 2.19.0 wrote {\"ok\":true}");
  }

  @Test
  void withoutTheShadingTheSameClassPathFailsAsUsersSawIt() throws Exception {
    Path original = coreJar.resolveSibling("original-" + coreJar.getFileName());
    assumeTrue(Files.isRegularFile(original), "no unshaded jar beside " + coreJar);
    try (JarFile jar = new JarFile(original.toFile())) {
      assertThat(
              jar.getEntry(
                  "dev/apimart/core/internal/shaded/jackson/databind/json/JsonMapper.class"))
          .as("%s is core's jar before shading", original)
          .isNull();
    }

    ChildJvm run =
        runProbe(
            original,
            List.of(
                location(tools.jackson.databind.ObjectMapper.class),
                location(tools.jackson.core.JsonParser.class)),
            true);

    assertThat(run.exitCode).as(run.output).isNotZero();
    assertThat(run.output)
        .contains("NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonSerializeAs");
  }

  @Test
  void theJarsHoldNoJacksonUnderItsOwnNamesAndTheirPublishedPomsNameNone() throws Exception {
    checkShaded(coreJar, "core");
    Path testkitJar = location(FakeApiMart.class);
    assumeTrue(testkitJar.toString().endsWith(".jar"), "the testkit is not packaged");
    checkShaded(testkitJar, "testkit");
  }

  /** Jackson relocated under dev.apimart.{module}.internal.shaded, and nowhere else. */
  private static void checkShaded(Path path, String module) throws Exception {
    String relocated = "dev/apimart/" + module + "/internal/shaded/jackson/";
    String services = "META-INF/services/" + relocated.replace('/', '.');
    List<String> problems = new ArrayList<>();
    try (JarFile jar = new JarFile(path.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("dev.apimart." + module);
      assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
      assertThat(jar.getEntry(relocated + "databind/json/JsonMapper.class")).isNotNull();
      assertThat(jar.getEntry(relocated + "annotation/JsonSerializeAs.class")).isNotNull();
      assertThat(read(jar, services + "core.TokenStreamFactory"))
          .contains(relocated.replace('/', '.') + "core.json.JsonFactory");
      assertThat(read(jar, services + "databind.ObjectMapper"))
          .contains(relocated.replace('/', '.') + "databind.json.JsonMapper");
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName().replaceFirst("^META-INF/versions/\\d+/", "");
        if (name.startsWith("tools/jackson/")
            || name.startsWith("com/fasterxml/jackson/")
            || name.endsWith("module-info.class")
            || name.startsWith("META-INF/services/tools.jackson")
            || name.startsWith("META-INF/services/com.fasterxml.jackson")) {
          problems.add("entry " + entry.getName());
        } else if (name.endsWith(".class")) {
          String bytes = read(jar, entry.getName());
          if (bytes.contains("tools/jackson/") || bytes.contains("com/fasterxml/jackson/")) {
            problems.add("reference to unrelocated Jackson in " + entry.getName());
          }
        }
      }
      String pomPath = "META-INF/maven/dev.apimart/apimart-" + module + "/pom.xml";
      try (InputStream pom = jar.getInputStream(jar.getEntry(pomPath))) {
        assertThat(dependencies(pom))
            .as("the dependency-reduced POM of %s", path)
            .isNotEmpty()
            .noneMatch(coordinates -> coordinates.contains("jackson"));
      }
    }
    assertThat(problems).as(path.toString()).isEmpty();
  }

  private record ChildJvm(int exitCode, String output) {}

  /**
   * Runs the probe in a child JVM on core's runtime class path plus {@code extra}, against a fake
   * in this JVM ({@code fakeHere}) or one the probe starts itself from the testkit in {@code
   * extra}.
   */
  private static ChildJvm runProbe(Path core, List<Path> extra, boolean fakeHere) throws Exception {
    Path boot35Jackson = Path.of(System.getProperty("boot35.jackson.dir"));
    List<Path> classPath = new ArrayList<>();
    classPath.add(core);
    // core's runtime dependencies as its published POM names them, and a transport
    classPath.add(location(org.slf4j.LoggerFactory.class));
    classPath.add(location(jakarta.validation.Validation.class));
    classPath.add(location(org.hibernate.validator.HibernateValidator.class));
    classPath.add(location(org.jboss.logging.Logger.class));
    classPath.add(location(com.fasterxml.classmate.TypeResolver.class));
    classPath.add(location(org.jspecify.annotations.Nullable.class));
    classPath.add(location(JdkHttpTransportProvider.class));
    // the application's Jackson: Spring Boot 3.5.0's set
    try (Stream<Path> jars = Files.list(boot35Jackson)) {
      jars.sorted().forEach(classPath::add);
    }
    classPath.addAll(extra);
    classPath.add(location(Boot35JacksonProbe.class));

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
    command.add(Boot35JacksonProbe.class.getName());
    if (!fakeHere) {
      return run(command);
    }
    try (FakeApiMart fake = FakeApiMart.builder().finishAfterPolls(1).start()) {
      command.add(fake.baseUrl().toString());
      command.add(fake.apiKey());
      return run(command);
    }
  }

  private static ChildJvm run(List<String> command) throws Exception {
    Path log = Files.createTempFile("probe", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the probe did not finish: " + Files.readString(log));
      }
      return new ChildJvm(process.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(JarFile jar, String name) throws IOException {
    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** groupId:artifactId of each dependency the POM's project declares. */
  private static List<String> dependencies(InputStream pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element project = factory.newDocumentBuilder().parse(pom).getDocumentElement();
    List<String> found = new ArrayList<>();
    for (Node section = project.getFirstChild();
        section != null;
        section = section.getNextSibling()) {
      if (section instanceof Element element && element.getTagName().equals("dependencies")) {
        NodeList dependencies = element.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
          Element dependency = (Element) dependencies.item(i);
          found.add(
              text(dependency, "groupId")
                  + ":"
                  + text(dependency, "artifactId")
                  + ":"
                  + text(dependency, "scope"));
        }
      }
    }
    return found;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
