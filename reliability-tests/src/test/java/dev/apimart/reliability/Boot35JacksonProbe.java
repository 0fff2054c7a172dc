package dev.apimart.reliability;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.testkit.FakeApiMart;
import java.util.Map;

/**
 * A user's application in a child JVM, for {@link ShadedCoreTest}: builds a client against the fake
 * at {@code args[0]} (key {@code args[1]}) — or, without arguments, against the testkit's fake
 * started in this JVM, as a user's test does — submits, reads the task back, then uses the
 * application's own Jackson 2 beside it. Prints one line per step; any failure ends the JVM with a
 * stack trace and exit status 1.
 */
public final class Boot35JacksonProbe {

  private Boot35JacksonProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      OwnFake.run();
    } else {
      run(args[0], args[1]);
    }
  }

  /**
   * As a user's test does: the testkit's fake in the same JVM (its jar carries its own Jackson).
   */
  private static final class OwnFake {
    static void run() throws Exception {
      try (FakeApiMart fake = FakeApiMart.builder().finishAfterPolls(1).start()) {
        Boot35JacksonProbe.run(fake.baseUrl().toString(), fake.apiKey());
      }
    }
  }

  private static void run(String baseUrl, String apiKey) throws Exception {
    System.out.println(
        "application jackson-annotations has JsonSerializeAs: "
            + present("com.fasterxml.jackson.annotation.JsonSerializeAs"));
    try (ApiMartClient client = ApiMartClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
      TaskId id =
          client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn"));
      Task task = client.getTask(id);
      System.out.println(
          "submitted "
              + id.value()
              + "; task "
              + task.status()
              + " with "
              + task.images().size()
              + " image(s)");
    }
    Class<?> mapperType = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
    Object mapper = mapperType.getConstructor().newInstance();
    Object version = mapperType.getMethod("version").invoke(mapper);
    Object json =
        mapperType.getMethod("writeValueAsString", Object.class).invoke(mapper, Map.of("ok", true));
    System.out.println("application Jackson " + version + " wrote " + json);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
