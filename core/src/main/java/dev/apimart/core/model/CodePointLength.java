package dev.apimart.core.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated text has at most {@link #max()} Unicode code points ({@code null} is valid).
 * ApiMart limits prompts in characters as a person counts them, so a Chinese prompt of 800
 * characters and an emoji each count once — {@code String.length()} would count UTF-16 units
 * instead. The validator is registered through {@code
 * META-INF/services/jakarta.validation.ConstraintValidator}, which keeps this package free of
 * validator code.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface CodePointLength {
  /** The largest allowed number of code points. */
  int max();

  /** The message; {@code {max}} is replaced without Jakarta EL. */
  String message() default "must be at most {max} characters";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload. */
  Class<? extends Payload>[] payload() default {};
}
