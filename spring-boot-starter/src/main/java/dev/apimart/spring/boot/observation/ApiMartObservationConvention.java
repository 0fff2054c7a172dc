package dev.apimart.spring.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the client's observations. Define a bean of this type to replace {@link
 * DefaultApiMartObservationConvention} (extend it to keep most of it).
 */
public interface ApiMartObservationConvention
    extends ObservationConvention<ApiMartObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof ApiMartObservationContext;
  }
}
