package dev.apimart.spring.boot.webhook;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The webhook endpoint on Spring WebFlux: a functional route. Nothing here blocks the event loop:
 * the body is joined without blocking, and the event goes to the executor.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
class WebFluxWebhookEndpoint {

  @Bean
  RouterFunction<ServerResponse> apiMartWebhookRoute(
      ApiMartWebhooks webhooks, WebhookReceiver receiver) {
    return RouterFunctions.route()
        .POST(webhooks.route(), request -> handle(receiver, request))
        .build();
  }

  static Mono<ServerResponse> handle(WebhookReceiver receiver, ServerRequest request) {
    // The secret first: a caller without it learns nothing, and its body is never read.
    if (!receiver.secretMatches(request.pathVariable("secret"))) {
      return ServerResponse.status(WebhookReceiver.Answer.NOT_FOUND.status).build();
    }
    if (request.headers().contentLength().orElse(0) > WebhookReceiver.MAX_BODY_BYTES) {
      return ServerResponse.status(WebhookReceiver.Answer.TOO_LARGE.status).build();
    }
    return DataBufferUtils.join(
            request.body(BodyExtractors.toDataBuffers()), WebhookReceiver.MAX_BODY_BYTES)
        .map(WebFluxWebhookEndpoint::bytes)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> ServerResponse.status(receiver.receive(body).status).build())
        .onErrorResume(
            DataBufferLimitException.class,
            e -> ServerResponse.status(WebhookReceiver.Answer.TOO_LARGE.status).build());
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] body = new byte[buffer.readableByteCount()];
      buffer.read(body);
      return body;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
