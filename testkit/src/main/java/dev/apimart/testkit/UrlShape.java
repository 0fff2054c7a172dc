package dev.apimart.testkit;

/**
 * How a completed task's image {@code url} field is written. ApiMart's public documentation shows
 * both shapes, so a client must accept both; the fake can produce either.
 */
public enum UrlShape {
  /** {@code "url": "https://…/1.png"}, the older documented shape. */
  STRING,
  /** {@code "url": ["https://…/1.png"]}, the newer documented shape (the default). */
  ARRAY
}
