package dev.apimart.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What every image model accepts, as data: one {@link ModelCapabilities} per model. {@link
 * #defaults()} holds the models ApiMart's pages document (entries resting on uncertain sources say
 * so); a client can be given a corrected or extended catalog, so a new model or a changed limit
 * never needs a release of this SDK.
 *
 * <p>A request for a model in the catalog is checked against every rule of its entry before
 * anything is sent; a model not in the catalog gets only the rules every request shares and is sent
 * as given. Immutable and thread-safe.
 */
public final class ModelCatalog {

  private final Map<ImageModel, ModelCapabilities> entries;
  private final Map<String, ModelCapabilities> byLowerCaseId;

  private ModelCatalog(Map<ImageModel, ModelCapabilities> entries) {
    this.entries = entries;
    Map<String, ModelCapabilities> index = new HashMap<>();
    entries.forEach((model, caps) -> index.put(model.id().toLowerCase(Locale.ROOT), caps));
    this.byLowerCaseId = index;
  }

  /** The documented models, in the order the SDK lists them (the seed models first). */
  public static ModelCatalog defaults() {
    return Defaults.CATALOG;
  }

  /** An empty catalog builder. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /** A builder holding this catalog's entries, to add or correct some. */
  public Builder toBuilder() {
    return new Builder(new LinkedHashMap<>(entries));
  }

  /**
   * The entry for a model, when the catalog has one. Names match in any case, as for the known
   * models: an entry added for {@code "My-Model"} is found for {@code "my-model"}.
   */
  public Optional<ModelCapabilities> find(ImageModel model) {
    Objects.requireNonNull(model, "model");
    ModelCapabilities exact = entries.get(model);
    if (exact != null) {
      return Optional.of(exact);
    }
    return Optional.ofNullable(byLowerCaseId.get(model.id().toLowerCase(Locale.ROOT)));
  }

  /** The entry for a model name (see {@link ImageModel#of(String)}); empty when blank or absent. */
  public Optional<ModelCapabilities> find(String modelName) {
    if (modelName == null || modelName.isBlank()) {
      return Optional.empty();
    }
    return find(ImageModel.of(modelName));
  }

  /**
   * The entry for a model.
   *
   * @throws IllegalArgumentException when the catalog has none
   */
  public ModelCapabilities require(ImageModel model) {
    return find(model)
        .orElseThrow(
            () -> new IllegalArgumentException("the model catalog has no entry for " + model));
  }

  /** Whether the catalog has an entry for the model. */
  public boolean contains(ImageModel model) {
    return find(model).isPresent();
  }

  /** Every entry, in order. */
  public List<ModelCapabilities> entries() {
    return List.copyOf(entries.values());
  }

  /** Every model with an entry, in order. */
  public List<ImageModel> models() {
    return List.copyOf(entries.keySet());
  }

  /** How many entries the catalog holds. */
  public int size() {
    return entries.size();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ModelCatalog other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "ModelCatalog" + entries.keySet();
  }

  /** Builds a {@link ModelCatalog}. Not thread-safe. */
  public static final class Builder {
    private final LinkedHashMap<ImageModel, ModelCapabilities> entries;

    private Builder(LinkedHashMap<ImageModel, ModelCapabilities> entries) {
      this.entries = entries;
    }

    /** Adds an entry, or replaces the one for the same model (keeping its place). */
    public Builder put(ModelCapabilities capabilities) {
      Objects.requireNonNull(capabilities, "capabilities");
      entries.put(capabilities.model(), capabilities);
      return this;
    }

    /**
     * Corrects the entry of a model, or creates one (from nothing checked) when there is none:
     * {@code update(ImageModel.GPT_IMAGE_2, b -> b.countRange(1, 8))}.
     */
    public Builder update(ImageModel model, UnaryOperator<ModelCapabilities.Builder> change) {
      Objects.requireNonNull(change, "change");
      ModelCapabilities current = entries.get(Objects.requireNonNull(model, "model"));
      ModelCapabilities.Builder b =
          current == null ? ModelCapabilities.builder(model) : current.toBuilder();
      return put(Objects.requireNonNull(change.apply(b), "changed builder").build());
    }

    /** Removes a model's entry: requests for it then get only the universal rules. */
    public Builder remove(ImageModel model) {
      entries.remove(model);
      return this;
    }

    /** The catalog. */
    public ModelCatalog build() {
      return new ModelCatalog(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }
  }

  /** The default catalog, built on first use. */
  private static final class Defaults {
    static final ModelCatalog CATALOG = build();

    private static ModelCatalog build() {
      Builder b = builder();
      List<ModelCapabilities> all = new ArrayList<>(KnownModels.entries());
      all.forEach(b::put);
      return b.build();
    }
  }
}
