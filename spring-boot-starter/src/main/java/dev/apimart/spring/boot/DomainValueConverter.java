package dev.apimart.spring.boot;

import dev.apimart.core.model.AspectRatio;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Resolution;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds {@code apimart.*} values written as on the wire ({@code qwen-image-2.0-pro}, {@code 16:9},
 * {@code 2K}) — or as the enum constant ({@code RATIO_16_9}) — to the domain enums. A value that
 * names nothing fails binding with the allowed values, which Spring Boot's failure analysis shows
 * next to the property.
 */
final class DomainValueConverter implements GenericConverter {

  @Override
  public Set<ConvertiblePair> getConvertibleTypes() {
    return Set.of(
        new ConvertiblePair(String.class, ImageModel.class),
        new ConvertiblePair(String.class, AspectRatio.class),
        new ConvertiblePair(String.class, Resolution.class));
  }

  @Override
  public @Nullable Object convert(
      @Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
    if (source == null || ((String) source).isBlank()) {
      return null;
    }
    String text = ((String) source).strip();
    Class<?> target = targetType.getType();
    if (target == ImageModel.class) {
      return ImageModel.fromId(text)
          .or(() -> constant(ImageModel.class, text))
          .orElseThrow(() -> unknown("image model", text, ImageModel.allowedIds()));
    }
    if (target == AspectRatio.class) {
      return AspectRatio.fromWireValue(text)
          .or(() -> constant(AspectRatio.class, text))
          .orElseThrow(() -> unknown("aspect ratio", text, AspectRatio.allowedValues()));
    }
    return Resolution.fromWireValue(text)
        .or(() -> constant(Resolution.class, text))
        .orElseThrow(() -> unknown("resolution tier", text, Resolution.allowedValues()));
  }

  private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String text) {
    String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(name)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static IllegalArgumentException unknown(String what, String text, String allowed) {
    return new IllegalArgumentException(
        "'" + text + "' is not a supported " + what + "; use one of: " + allowed);
  }
}
