package dev.apimart.core.internal.wire;

/** The exchange an answer belongs to, named in messages as people would say it. */
enum Exchange {
  SUBMISSION("the image generation submission"),
  TASK("the task status request"),
  BALANCE("the balance request"),
  UPLOAD("the image upload"),
  USAGE("the usage request");

  private final String description;

  Exchange(String description) {
    this.description = description;
  }

  /** E.g. "the task status request". */
  String description() {
    return description;
  }
}
