package dev.apimart.core.model;

/**
 * What one model accepts, as data. The request validator reads only this record, so a change in
 * ApiMart's documentation is a change of numbers here, not of code.
 *
 * @param minImages smallest {@code n}
 * @param maxImages largest {@code n}; 1 means the model takes no {@code n} other than 1
 * @param acceptsCount whether the {@code n} field may be sent at all
 * @param maxPromptCodePoints prompt limit, counted in Unicode code points
 * @param negativePrompt whether {@code negative_prompt} is accepted
 * @param maxNegativePromptCodePoints negative prompt limit, in code points
 * @param maxReferenceImages how many {@code image_urls} are accepted (0: image-to-image
 *     unsupported)
 * @param promptExtend whether {@code prompt_extend} is accepted
 */
public record ModelCapabilities(
    int minImages,
    int maxImages,
    boolean acceptsCount,
    int maxPromptCodePoints,
    boolean negativePrompt,
    int maxNegativePromptCodePoints,
    int maxReferenceImages,
    boolean promptExtend) {

  /** Whether the model can take reference images (image-to-image). */
  public boolean imageToImage() {
    return maxReferenceImages > 0;
  }
}
