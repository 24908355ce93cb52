import { SessionCoreError } from '@autodoctor/session-core';

/** What is wrong with an endpoint URL. */
export type WebhookUrlProblem = 'invalid' | 'scheme' | 'credentials' | 'unresolvable' | 'not_public';

/**
 * A webhook endpoint URL that cannot be registered, or delivered to any more: not https, with
 * credentials, not resolvable, or reaching a loopback, private, link-local or metadata address.
 */
export class WebhookUrlRefusedError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'WEBHOOK_URL_REFUSED';
  constructor(
    readonly problem: WebhookUrlProblem,
    message: string,
  ) {
    super(message);
  }
}

/** No webhook endpoint with that id. */
export class WebhookEndpointNotFoundError extends SessionCoreError {
  readonly kind = 'not_found';
  readonly code = 'WEBHOOK_ENDPOINT_NOT_FOUND';
  constructor(readonly id: string) {
    super(`No webhook endpoint ${id}`);
  }
}

/** Registering one more endpoint than allowed: one must be removed first. */
export class WebhookEndpointLimitError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'WEBHOOK_ENDPOINT_LIMIT';
  constructor(readonly max: number) {
    super(`At most ${max} webhook endpoints: remove one first`);
  }
}
