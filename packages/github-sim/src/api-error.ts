/** Errors a REST handler throws; the pipeline turns them into GitHub-shaped bodies. */

const DOCS = 'https://docs.github.com/rest';

export interface ValidationItem {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
  value?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): Record<string, unknown> {
    return { message: this.message, documentation_url: DOCS, status: String(this.status), ...this.extra };
  }
}

export function notFound(): ApiError {
  return new ApiError(404, 'Not Found');
}

export function requiresAuthentication(): ApiError {
  return new ApiError(401, 'Requires authentication');
}

export function badCredentials(): ApiError {
  return new ApiError(401, 'Bad credentials');
}

export function validationFailed(message: string, errors: ValidationItem[] = []): ApiError {
  return new ApiError(422, message, errors.length > 0 ? { errors } : {});
}

export function conflict(message: string): ApiError {
  return new ApiError(409, message);
}
