package dev.apimart.spring.ai;

import io.micrometer.common.KeyValues;
import org.springframework.ai.image.ImageResponse;
import org.springframework.ai.image.observation.DefaultImageModelObservationConvention;
import org.springframework.ai.image.observation.ImageModelObservationContext;
import org.springframework.ai.image.observation.ImageModelObservationDocumentation.HighCardinalityKeyNames;

/**
 * Spring AI's default image-model conventions (observation {@code gen_ai.client.operation},
 * provider {@code apimart}, operation {@code image}, the request's model, size, format and style),
 * plus two of the response keys Spring AI documents: {@code gen_ai.response.id} (the ApiMart task
 * id, to find a slow or failed generation again) and {@code gen_ai.response.model}. Both are high
 * cardinality: they go on traces, not on metrics.
 */
public class ApiMartImageModelObservationConvention extends DefaultImageModelObservationConvention {

  /** For subclasses and Spring. */
  public ApiMartImageModelObservationConvention() {}

  @Override
  public KeyValues getHighCardinalityKeyValues(ImageModelObservationContext context) {
    KeyValues keyValues = super.getHighCardinalityKeyValues(context);
    ImageResponse response = context.getResponse();
    if (response != null && response.getMetadata() instanceof ApiMartImageResponseMetadata meta) {
      keyValues =
          keyValues
              .and(HighCardinalityKeyNames.RESPONSE_ID.asString(), meta.getTaskId())
              .and(HighCardinalityKeyNames.RESPONSE_MODEL.asString(), meta.getModel());
    }
    return keyValues;
  }
}
