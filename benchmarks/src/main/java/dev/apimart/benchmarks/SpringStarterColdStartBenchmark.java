package dev.apimart.benchmarks;

import dev.apimart.benchmarks.support.ColdFootprint;
import dev.apimart.benchmarks.support.StubApi;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.spring.boot.health.ApiMartHealthAutoConfiguration;
import dev.apimart.spring.boot.observation.ApiMartObservationAutoConfiguration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Target 5, cold start, for Spring Boot users: what the starter adds to an application's startup.
 * One shot per fresh JVM (many forks), a non-web application with Spring Boot's auto-configuration,
 * started and closed:
 *
 * <ul>
 *   <li>{@code contextWithoutApiMart}: the baseline, with the ApiMart auto-configurations excluded.
 *   <li>{@code contextWithApiMart}: the starter configures an {@link ApiMartClient} from {@code
 *       apimart.*} properties, and the application takes it from the context.
 *   <li>{@code contextWithApiMartAndFirstSubmit}: the same plus the first validated submission to a
 *       {@link StubApi} on loopback.
 * </ul>
 *
 * The starter's context overhead is {@code contextWithApiMart} minus {@code contextWithoutApiMart};
 * {@link ColdFootprint} adds classes loaded and process CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class SpringStarterColdStartBenchmark {

  private StubApi stub;

  /** An application with everything Spring Boot auto-configures, ApiMart excluded. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration(
      exclude = {
        ApiMartAutoConfiguration.class,
        ApiMartHealthAutoConfiguration.class,
        ApiMartObservationAutoConfiguration.class
      })
  public static class WithoutApiMart {}

  /** The same application with the ApiMart starter. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  public static class WithApiMart {}

  /** Starts the stub (not measured). */
  @Setup(Level.Trial)
  public void startStub() {
    stub = new StubApi();
  }

  /** Stops it. */
  @TearDown(Level.Trial)
  public void stopStub() {
    stub.close();
  }

  /** The baseline context. */
  @Benchmark
  public int contextWithoutApiMart(ColdFootprint footprint) {
    int beans;
    try (ConfigurableApplicationContext context = start(WithoutApiMart.class)) {
      beans = context.getBeanDefinitionCount();
    }
    footprint.end();
    return beans;
  }

  /** The context with the starter's client. */
  @Benchmark
  public String contextWithApiMart(ColdFootprint footprint) {
    String transport;
    try (ConfigurableApplicationContext context = start(WithApiMart.class)) {
      transport = context.getBean(ApiMartClient.class).transportName();
    }
    footprint.end();
    return transport;
  }

  /** The context with the starter's client and a first submission. */
  @Benchmark
  public String contextWithApiMartAndFirstSubmit(ColdFootprint footprint) {
    String id;
    try (ConfigurableApplicationContext context = start(WithApiMart.class)) {
      id =
          context
              .getBean(ApiMartClient.class)
              .submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, ColdStartBenchmark.PROMPT))
              .value();
    }
    footprint.end();
    return id;
  }

  private ConfigurableApplicationContext start(Class<?> application) {
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties(
            "apimart.api-key=" + StubApi.API_KEY,
            "apimart.base-url=" + stub.baseUrl(),
            "spring.main.register-shutdown-hook=false")
        .run();
  }
}
