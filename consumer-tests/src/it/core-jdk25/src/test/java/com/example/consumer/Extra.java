package com.example.consumer;

import dev.apimart.core.client.GenerationResult;

final class Extra {
  static void check(GenerationResult result) {}
}
