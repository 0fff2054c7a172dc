package dev.apimart.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.testkit.FakeApiMart;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit on the oldest JUnit it supports. The build copies JUnit Jupiter 5.10.3 and 5.11.4
 * (with their platform jars) to {@code target/junit-5.10} and {@code target/junit-5.11}; each test
 * builds a class loader holding only those jars, the testkit and its other dependencies — none of
 * the JUnit this build runs on — so a call into API that the old JUnit lacks fails as it would in a
 * user's project ({@code NoSuchMethodError}).
 */
class OldestJUnitTest {

  private static final String SAMPLES = "dev.apimart.testkit.junit.oldest.";

  /** The README's forms of the extension, run by the old JUnit's own launcher and engine. */
  @ParameterizedTest
  @ValueSource(strings = {"5.10", "5.11"})
  void theExtensionRunsOnAnOldJUnit(String line) throws Exception {
    List<URL> urls = new ArrayList<>(oldJUnitJars(line));
    urls.addAll(classPathWithoutJUnit());
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), platformLoader())) {
      Class<?> launcher = loader.loadClass(SAMPLES + "IsolatedLauncher");
      assertThat(launcher.getClassLoader()).isSameAs(loader);
      @SuppressWarnings("unchecked")
      List<String> result =
          (List<String>)
              launcher
                  .getMethod("run", String[].class)
                  .invoke(
                      null,
                      (Object)
                          new String[] {
                            SAMPLES + "ExtensionOnOldJUnit", SAMPLES + "RegisteredOnOldJUnit"
                          });

      assertThat(result.get(0))
          .as(String.join("\n", result))
          .startsWith("jupiter=" + line + ".")
          .endsWith("found=4 succeeded=4 failed=0");
    }
  }

  /**
   * Every JUnit class, method and field the testkit's main classes refer to (the extension and the
   * contract suites alike) exists in JUnit 5.10 — a reference check that also covers code the test
   * above does not run.
   */
  @org.junit.jupiter.api.Test
  void theTestkitReferencesOnlyApiThatJUnit510Has() throws Exception {
    Path classes =
        Paths.get(FakeApiMart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> missing = new TreeSet<>();
    int checked = 0;
    try (URLClassLoader junit510 =
            new URLClassLoader(oldJUnitJars("5.10").toArray(URL[]::new), platformLoader());
        Stream<Path> files = Files.walk(classes)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        ConstantPool pool;
        try (InputStream in = Files.newInputStream(file)) {
          pool = ConstantPool.read(in);
        }
        for (String type : pool.junitTypes()) {
          checked++;
          if (load(junit510, type) == null) {
            missing.add(classes.relativize(file) + " -> class " + type);
          }
        }
        for (ConstantPool.MemberRef ref : pool.junitMembers()) {
          checked++;
          Class<?> owner = load(junit510, ref.owner());
          if (owner == null || !hasMember(owner, ref)) {
            missing.add(classes.relativize(file) + " -> " + ref);
          }
        }
      }
    }
    assertThat(checked).as("JUnit references found in the testkit").isGreaterThan(50);
    assertThat(missing).as("references to JUnit API that 5.10 does not have").isEmpty();
  }

  // ------------------------------------------------------------------ class path

  private static ClassLoader platformLoader() {
    return ClassLoader.getPlatformClassLoader();
  }

  private static List<URL> oldJUnitJars(String line) throws IOException, URISyntaxException {
    Path target =
        Paths.get(FakeApiMart.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .getParent();
    Path dir = target.resolve("junit-" + line);
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : (Iterable<Path>) files.sorted()::iterator) {
        jars.add(jar.toUri().toURL());
      }
    }
    assertThat(jars).as("jars in " + dir + " (copied by the build)").hasSize(7);
    return jars;
  }

  /** This test's class path (Surefire puts the real one in java.class.path) minus every JUnit. */
  private static List<URL> classPathWithoutJUnit() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String path = entry.replace('\\', '/');
      if (entry.isBlank()
          || path.contains("/org/junit/")
          || path.contains("/junit-")
          || path.contains("opentest4j")
          || path.contains("apiguardian")
          || path.contains("surefire")) {
        continue;
      }
      urls.add(Paths.get(entry).toUri().toURL());
    }
    return urls;
  }

  // ------------------------------------------------------------------ reference check

  private static Class<?> load(ClassLoader loader, String internalName) {
    try {
      return Class.forName(internalName.replace('/', '.'), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static boolean hasMember(Class<?> owner, ConstantPool.MemberRef ref) {
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(owner));
    Set<Class<?>> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (!seen.add(type)) {
        continue;
      }
      if (ref.field()) {
        for (Field f : type.getDeclaredFields()) {
          if (f.getName().equals(ref.name()) && descriptor(f.getType()).equals(ref.descriptor())) {
            return true;
          }
        }
      } else if (ref.name().equals("<init>")) {
        for (Executable c : type.getDeclaredConstructors()) {
          if (descriptor(c, void.class).equals(ref.descriptor())) {
            return true;
          }
        }
        return false; // constructors are not inherited
      } else {
        for (Method m : type.getDeclaredMethods()) {
          if (m.getName().equals(ref.name())
              && descriptor(m, m.getReturnType()).equals(ref.descriptor())) {
            return true;
          }
        }
      }
      if (type.getSuperclass() != null) {
        todo.add(type.getSuperclass());
      }
      todo.addAll(List.of(type.getInterfaces()));
    }
    return false;
  }

  private static String descriptor(Executable e, Class<?> returns) {
    StringBuilder b = new StringBuilder("(");
    for (Class<?> p : e.getParameterTypes()) {
      b.append(descriptor(p));
    }
    return b.append(')').append(descriptor(returns)).toString();
  }

  private static String descriptor(Class<?> type) {
    if (type.isArray()) {
      return type.getName().replace('.', '/');
    }
    if (type.isPrimitive()) {
      return switch (type.getName()) {
        case "void" -> "V";
        case "boolean" -> "Z";
        case "byte" -> "B";
        case "char" -> "C";
        case "short" -> "S";
        case "int" -> "I";
        case "long" -> "J";
        case "float" -> "F";
        default -> "D";
      };
    }
    return "L" + type.getName().replace('.', '/') + ";";
  }

  /** The parts of a class file's constant pool that name other classes and their members. */
  private record ConstantPool(Set<String> junitTypes, List<MemberRef> junitMembers) {

    record MemberRef(String owner, String name, String descriptor, boolean field) {
      @Override
      public String toString() {
        return owner + "." + name + ":" + descriptor;
      }
    }

    static ConstantPool read(InputStream stream) throws IOException {
      DataInputStream in = new DataInputStream(stream);
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      int count = in.readUnsignedShort();
      int[] tags = new int[count];
      int[] first = new int[count];
      int[] second = new int[count];
      String[] utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        tags[i] = tag;
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++; // takes two slots
          }
          case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
          case 9, 10, 11, 12, 17, 18 -> {
            first[i] = in.readUnsignedShort();
            second[i] = in.readUnsignedShort();
          }
          case 15 -> {
            in.readUnsignedByte();
            first[i] = in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      Set<String> types = new TreeSet<>();
      List<MemberRef> members = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        if (tags[i] == 7) {
          String name = utf8[first[i]];
          if (name.startsWith("org/junit/")) {
            types.add(name);
          }
        } else if (tags[i] == 1) {
          // descriptors and signatures, including those of annotations on classes and methods
          String text = utf8[i];
          int at = text.indexOf("Lorg/junit/");
          while (at >= 0) {
            int end = text.indexOf(';', at);
            int generic = text.indexOf('<', at);
            if (generic >= 0 && generic < end) {
              end = generic;
            }
            types.add(text.substring(at + 1, end));
            at = text.indexOf("Lorg/junit/", end);
          }
        } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
          String owner = utf8[first[first[i]]];
          if (owner.startsWith("org/junit/")) {
            int nameAndType = second[i];
            members.add(
                new MemberRef(
                    owner, utf8[first[nameAndType]], utf8[second[nameAndType]], tags[i] == 9));
          }
        }
      }
      return new ConstantPool(types, members);
    }
  }
}
