import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type StripeErrorType =
  'api_error' | 'authentication_error' | 'idempotency_error' | 'invalid_request_error';

/** The JSON body Stripe sends with every error; the SDK picks its error class from it and the status. */
export interface StripeErrorBody {
  error: { type: StripeErrorType; message: string; code?: string; param?: string };
}

/** Thrown anywhere in the API; the app turns it into Stripe's error response. */
export class StripeApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: StripeErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'StripeApiError';
  }

  toBody(): StripeErrorBody {
    const { type, message, code, param } = this;
    return {
      error: {
        type,
        message,
        ...(code === undefined ? {} : { code }),
        ...(param === undefined ? {} : { param }),
      },
    };
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, code, param);
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

/** 404 for an id in the URL; an unknown id passed as a parameter is a 400 with the same code, as on Stripe. */
export function noSuchObject(kind: string, id: string, param?: string): StripeApiError {
  const message = `No such ${kind}: '${id}'`;
  return param === undefined
    ? new StripeApiError(404, 'invalid_request_error', message, 'resource_missing')
    : invalidRequest(message, param, 'resource_missing');
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError(
    404,
    'invalid_request_error',
    `Unrecognized request URL (${method}: ${path}). The AutoDoctor Stripe emulator only implements the ` +
      'endpoints listed in tooling/stripe-emulator/README.md.',
  );
}

export function authenticationError(message: string): StripeApiError {
  return new StripeApiError(401, 'authentication_error', message);
}
