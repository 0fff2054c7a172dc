package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WireCodecApiTest {

  @Test
  void publicSignaturesUseOnlyJdkAndDomainTypes() {
    List<String> leaks = new ArrayList<>();
    for (Method m : WireCodec.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      List<Type> types = new ArrayList<>(Arrays.asList(m.getGenericParameterTypes()));
      types.add(m.getGenericReturnType());
      types.addAll(Arrays.asList(m.getGenericExceptionTypes()));
      for (Type t : types) {
        collectForeign(t, m.getName(), leaks);
      }
    }

    assertThat(leaks).isEmpty();
  }

  private static void collectForeign(Type type, String method, List<String> leaks) {
    if (type instanceof ParameterizedType p) {
      collectForeign(p.getRawType(), method, leaks);
      for (Type arg : p.getActualTypeArguments()) {
        collectForeign(arg, method, leaks);
      }
      return;
    }
    if (type instanceof Class<?> c) {
      Class<?> base = c.isArray() ? c.getComponentType() : c;
      String name = base.getName();
      if (!base.isPrimitive() && !name.startsWith("java.") && !name.startsWith("dev.apimart.")) {
        leaks.add(method + " uses " + name);
      }
    }
  }

  @Test
  void oneCodecServesManyThreadsAtOnce() throws Exception {
    WireCodec codec = Fixtures.codec();
    byte[] body = Fixtures.bytes("responses/task-completed-url-array.json");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> jobs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        jobs.add(() -> codec.decodeTask(200, Fixtures.NO_HEADERS, body).images().size());
      }
      for (Future<Integer> f : pool.invokeAll(jobs)) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(3);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
