/**
 * Errors with a stable `code`: clients branch on the code, people read the title.
 * Anything that is not an AppError becomes a bare 500 that reveals nothing.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

export const badRequest = (code: string, title: string, extra?: Record<string, unknown>) => new AppError(400, code, title, extra);
export const unauthorized = (title = 'Sign in first') => new AppError(401, 'unauthenticated', title);
export const forbidden = (code: string, title: string, extra?: Record<string, unknown>) => new AppError(403, code, title, extra);
export const notFound = (what = 'resource') => new AppError(404, 'not_found', `No such ${what}`);
export const conflict = (code: string, title: string) => new AppError(409, code, title);
export const unprocessable = (code: string, title: string, extra?: Record<string, unknown>) => new AppError(422, code, title, extra);
