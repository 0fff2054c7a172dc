package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apimart.core.client.GenerationResult;

/** The consumer's own Jackson 2 code, beside core's relocated Jackson 3. */
final class Extra {
  static void check(GenerationResult result) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = mapper.createObjectNode();
    node.put("taskId", result.taskId().toString());
    node.put("images", result.images().size());
    String json = mapper.writeValueAsString(node);
    assertEquals(1, mapper.readTree(json).get("images").asInt());
    System.out.println("[consumer] Jackson 2 " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + ": " + json);
  }
}
