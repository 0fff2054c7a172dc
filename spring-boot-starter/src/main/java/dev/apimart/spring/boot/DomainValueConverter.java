package dev.apimart.spring.boot;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.Resolution;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds {@code apimart.*} values written as on the wire ({@code gpt-image-2}, {@code 21:9}, {@code
 * 2k}, {@code zh}) — or as the name of a constant ({@code QWEN_IMAGE_2_0}, {@code RATIO_16_9},
 * {@code RES_2K}) — to the SDK's open value types. Any other non-blank text is kept as given: a
 * model, ratio or tier ApiMart adds after this SDK was released can be configured today; whether
 * the chosen model takes it is checked against the model catalog when the context starts. A blank
 * value counts as unset.
 */
final class DomainValueConverter implements GenericConverter {

  private static final Map<Class<?>, Function<String, ?>> PARSERS =
      Map.of(
          ImageModel.class, ImageModel::of,
          ImageSize.class, ImageSize::of,
          Resolution.class, Resolution::of,
          Language.class, Language::of);

  private static final Map<Class<?>, Map<String, Object>> CONSTANTS = new HashMap<>();

  static {
    PARSERS.keySet().forEach(type -> CONSTANTS.put(type, constants(type)));
  }

  @Override
  public Set<ConvertiblePair> getConvertibleTypes() {
    return Set.of(
        new ConvertiblePair(String.class, ImageModel.class),
        new ConvertiblePair(String.class, ImageSize.class),
        new ConvertiblePair(Number.class, ImageSize.class),
        new ConvertiblePair(String.class, Resolution.class),
        new ConvertiblePair(String.class, Language.class));
  }

  @Override
  public @Nullable Object convert(
      @Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
    if (source instanceof Number number) {
      throw new IllegalArgumentException(yamlRatio(number.toString()));
    }
    if (source == null || ((String) source).isBlank()) {
      return null;
    }
    String text = ((String) source).strip();
    Class<?> target = targetType.getType();
    Object constant = CONSTANTS.get(target).get(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    return constant != null ? constant : PARSERS.get(target).apply(text);
  }

  /**
   * Why a number is no size. YAML 1.1, which Spring Boot's YAML loader follows, reads an unquoted
   * {@code 16:9} as the base-60 number 969; the ratio never reaches the application.
   */
  static String yamlRatio(String number) {
    return "'"
        + number
        + "' is not a size: a ratio written without quotes in YAML is read as a base-60 number"
        + " (16:9 becomes 969); quote it, e.g. size: \"16:9\"";
  }

  /**
   * The public constants of a value type by their Java name ({@code RATIO_16_9}), so configuration
   * written for the former enums keeps binding (in any case, {@code -} for {@code _}, as before).
   */
  private static Map<String, Object> constants(Class<?> type) {
    Map<String, Object> byName = new HashMap<>();
    for (Field field : type.getFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers) && field.getType() == type) {
        try {
          byName.put(field.getName(), field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + type.getName() + "." + field, e);
        }
      }
    }
    return Map.copyOf(byName);
  }
}
