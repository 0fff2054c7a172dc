package dev.apimart.reliability.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What Maven Central and our users need from a release, checked on the build files themselves: the
 * BOM lists exactly the published modules at the build's version, every published jar names its
 * module, the licence and the metadata are there, and the wrapper verifies Maven's download.
 */
class PublishingTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theBomListsEveryPublishedArtifactAndNothingElse() throws Exception {
    Document bom = read(ROOT.resolve("bom/pom.xml"));
    TreeSet<String> listed = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      assertThat(text(dep, "groupId")).isEqualTo("dev.apimart");
      assertThat(text(dep, "version")).isEqualTo("${project.version}");
      listed.add(text(dep, "artifactId"));
    }
    assertThat(listed).isEqualTo(publishedArtifacts());
    assertThat(directText(bom.getDocumentElement(), "version"))
        .isEqualTo(directText(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
    assertThat(bom.getElementsByTagName("parent").getLength())
        .as("a BOM with a parent would impose the parent's managed versions on applications")
        .isZero();
  }

  @Test
  void everyPublishedJarNamesItsJavaModule() throws Exception {
    for (String module : publishedModules()) {
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      assertThat(pom)
          .as(module + " sets Automatic-Module-Name in its jar manifest")
          .containsPattern(
              "<Automatic-Module-Name>dev\\.apimart\\.[a-z0-9.]+</Automatic-Module-Name>");
    }
  }

  @Test
  void theParentCarriesTheMetadataCentralRequires() throws Exception {
    Element project = read(ROOT.resolve("pom.xml")).getDocumentElement();
    for (String element : List.of("name", "description", "url", "licenses", "developers", "scm")) {
      assertThat(project.getElementsByTagName(element).getLength()).as(element).isPositive();
    }
    assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
    assertThat(properties(project)).containsKey("project.build.outputTimestamp");
  }

  @Test
  void theWrapperVerifiesTheMavenItDownloads() throws Exception {
    Properties wrapper = new Properties();
    try (var in = Files.newInputStream(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"))) {
      wrapper.load(in);
    }
    assertThat(wrapper.getProperty("distributionSha256Sum")).matches("[0-9a-f]{64}");
  }

  private static List<String> publishedModules() throws Exception {
    Element root = read(ROOT.resolve("pom.xml")).getDocumentElement();
    List<String> published = new ArrayList<>();
    NodeList modules = root.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      Element pom = read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      boolean skipped = "true".equals(properties(pom).get("maven.deploy.skip"));
      if (!skipped && !module.equals("bom")) {
        published.add(module);
      }
    }
    return published;
  }

  private static TreeSet<String> publishedArtifacts() throws Exception {
    TreeSet<String> artifacts = new TreeSet<>();
    for (String module : publishedModules()) {
      Element pom = read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      artifacts.add(directText(pom, "artifactId"));
    }
    return artifacts;
  }

  private static java.util.Map<String, String> properties(Element project) {
    java.util.Map<String, String> values = new java.util.HashMap<>();
    for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && e.getTagName().equals("properties")) {
        for (Node p = e.getFirstChild(); p != null; p = p.getNextSibling()) {
          if (p instanceof Element prop) {
            values.put(prop.getTagName(), prop.getTextContent().trim());
          }
        }
      }
    }
    return values;
  }

  private static String directText(Element parent, String tag) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError("<" + tag + "> missing in <" + parent.getTagName() + ">");
  }

  private static String text(Element parent, String tag) {
    return directText(parent, tag);
  }

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }
}
