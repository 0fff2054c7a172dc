package dev.apimart.core.capability;

import dev.apimart.core.model.CodePointLength;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link CodePointLength}; registered through {@code META-INF/services}. */
public final class CodePointLengthValidator
    implements ConstraintValidator<CodePointLength, CharSequence> {

  private int max;

  /** Creates the validator (called by Hibernate Validator). */
  public CodePointLengthValidator() {}

  @Override
  public void initialize(CodePointLength annotation) {
    this.max = annotation.max();
  }

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    return value == null || Character.codePointCount(value, 0, value.length()) <= max;
  }
}
