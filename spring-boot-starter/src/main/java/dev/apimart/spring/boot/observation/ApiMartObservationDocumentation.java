package dev.apimart.spring.boot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation the starter records and its keys. Low-cardinality keys become metric tags and are
 * always present (with the value {@code none} when they do not apply), so every meter of the name
 * has the same tag keys; high-cardinality keys go to traces only.
 */
public enum ApiMartObservationDocumentation implements ObservationDocumentation {

  /** One operation of the client: generate, submit, poll, wait or balance. */
  CLIENT_OPERATION {
    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>>
        getDefaultConvention() {
      return DefaultApiMartObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return LowCardinalityKeyNames.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return HighCardinalityKeyNames.values();
    }
  };

  /** Tags of metrics and spans. */
  public enum LowCardinalityKeyNames implements KeyName {
    /**
     * The operation: {@code generate}, {@code submit}, {@code poll}, {@code wait} or {@code
     * balance} (Spring AI / OpenTelemetry {@code gen_ai.operation.name}).
     */
    OPERATION {
      @Override
      public String asString() {
        return "gen_ai.operation.name";
      }
    },
    /** Always {@code apimart} (Spring AI's {@code gen_ai.system}). */
    SYSTEM {
      @Override
      public String asString() {
        return "gen_ai.system";
      }
    },
    /** The model asked for, e.g. {@code qwen-image-2.0}; {@code none} when not known. */
    REQUEST_MODEL {
      @Override
      public String asString() {
        return "gen_ai.request.model";
      }
    },
    /**
     * How it ended: {@code success}, or a failure class such as {@code task_failed}, {@code
     * timeout}, {@code rate_limited}, {@code authentication}, {@code outcome_unknown}.
     */
    OUTCOME {
      @Override
      public String asString() {
        return "apimart.outcome";
      }
    },
    /**
     * The task's status as last seen: {@code submitted}, {@code pending}, {@code processing},
     * {@code completed}, {@code failed}, {@code cancelled}, {@code unknown}; {@code none} when no
     * task was seen.
     */
    TASK_STATUS {
      @Override
      public String asString() {
        return "apimart.task.status";
      }
    }
  }

  /** Span attributes only. */
  public enum HighCardinalityKeyNames implements KeyName {
    /** The task id. */
    TASK_ID {
      @Override
      public String asString() {
        return "apimart.task.id";
      }
    },
    /** The expected image size, e.g. {@code 2048x1152} (Spring AI's key). */
    REQUEST_IMAGE_SIZE {
      @Override
      public String asString() {
        return "gen_ai.request.image.size";
      }
    },
    /** How many images were asked for. */
    REQUEST_IMAGE_COUNT {
      @Override
      public String asString() {
        return "gen_ai.request.image.count";
      }
    },
    /**
     * The exception class the operation failed with (OpenTelemetry's {@code error.type}), present
     * only on failure.
     */
    ERROR_TYPE {
      @Override
      public String asString() {
        return "error.type";
      }
    },
    /** The prompt; recorded only with {@code apimart.observations.include-prompt=true}. */
    PROMPT {
      @Override
      public String asString() {
        return "gen_ai.prompt";
      }
    }
  }
}
