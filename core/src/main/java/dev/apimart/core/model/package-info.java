/**
 * The domain of ApiMart image generation: models, aspect ratios, resolution tiers, the request a
 * user builds, and the task snapshots and images the service answers with. Plain JDK types only.
 */
@NullMarked
package dev.apimart.core.model;

import org.jspecify.annotations.NullMarked;
