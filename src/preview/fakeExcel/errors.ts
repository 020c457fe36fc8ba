/**
 * Errors of the fake Excel host, shaped like office-js's OfficeExtension.Error
 * (name "RichApi.Error", a `code`, the message, and `debugInfo`), so adapter
 * code that maps Office errors by `code` works unchanged.
 *
 * Example:
 *   throw officeError("AccessDenied", "You cannot perform the requested operation.")
 *   // e.code === "AccessDenied"; e.debugInfo.code === "AccessDenied"
 *
 * `FakeUnmodelled` is the fake's own code: the call is valid in Excel, but the
 * fake does not model what Excel does there (it refuses rather than guess).
 */
export type OfficeErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidObjectPath"
  | "InvalidReference"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "PropertyNotLoaded"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "FakeUnmodelled";

export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: OfficeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function officeError(code: OfficeErrorCode, message: string, errorLocation?: string): FakeOfficeError {
  return new FakeOfficeError(code, message, errorLocation);
}

/** What office-js throws when a property is read before load + sync. */
export function propertyNotLoaded(property: string): FakeOfficeError {
  return officeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export function accessDenied(where: string): FakeOfficeError {
  return officeError("AccessDenied", "You cannot perform the requested operation.", where);
}

export function unmodelled(what: string): FakeOfficeError {
  return officeError("FakeUnmodelled", `fakeExcel does not model this: ${what}`);
}
