// GitLab's error bodies. Handlers throw these; the server renders them.
// Helpers are named after GitLab's own (lib/api/helpers.rb, lib/api/api.rb):
// most errors are `{"message": ...}`, but Grape's parameter validation and the
// catch-all route use `{"error": ...}`.

export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly body: unknown,
    ) {
        super(`${status} ${JSON.stringify(body)}`);
    }
}

/** `not_found!('Project')` → `{"message":"404 Project Not Found"}`; bare → `"404 Not Found"`. */
export function notFound(resource?: string): ApiError {
    return new ApiError(404, { message: resource ? `404 ${resource} Not Found` : "404 Not Found" });
}

/** `rescue_from ActiveRecord::RecordNotFound` (lib/api/api.rb): lower-case "found". */
export function recordNotFound(): ApiError {
    return new ApiError(404, { message: "404 Not found" });
}

/**
 * The catch-all route `route :any, '*path' { error!('404 Not Found', 404) }`
 * (lib/api/api.rb): Grape renders a string error under `error`.
 */
export function noRoute(): ApiError {
    return new ApiError(404, { error: "404 Not Found" });
}

/** `forbidden!` → `{"message":"403 Forbidden"}`; also `Gitlab::Access::AccessDeniedError`. */
export function forbidden(reason?: string): ApiError {
    return new ApiError(403, { message: reason ? `403 Forbidden - ${reason}` : "403 Forbidden" });
}

/** `unauthorized!` → `{"message":"401 Unauthorized"}`. */
export function unauthorized(): ApiError {
    return new ApiError(401, { message: "401 Unauthorized" });
}

/** `render_api_error!(message, 400)`. */
export function badRequest(message: unknown): ApiError {
    return new ApiError(400, { message });
}

/** `render_validation_error!(model)` → 400 `{"message":{"attr":["..."]}}`. */
export function validationError(errors: Record<string, string[]>): ApiError {
    return new ApiError(400, { message: errors });
}

/** Grape parameter validation: 400 `{"error":"name is missing"}`. */
export function paramError(text: string): ApiError {
    return new ApiError(400, { error: text });
}

/** `conflict!(message)`. */
export function conflict(message: string): ApiError {
    return new ApiError(409, { message });
}

/** `render_api_error!(errors.full_messages, 422)` or `unprocessable_entity!(message)`. */
export function unprocessable(message: unknown): ApiError {
    return new ApiError(422, { message });
}
