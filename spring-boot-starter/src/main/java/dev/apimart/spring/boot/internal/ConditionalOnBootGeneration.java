package dev.apimart.spring.boot.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * On every ApiMart auto-configuration, before its other conditions: fails start-up when the
 * application runs a Spring Boot generation this starter line was not built for ({@link
 * BootGenerationCondition}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(BootGenerationCondition.class)
public @interface ConditionalOnBootGeneration {}
