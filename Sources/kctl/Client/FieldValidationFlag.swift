import KubeAPI
import Wire

/// `--validate` as kubectl reads it (`GetValidationDirective`): `strict` or a true Boolean is `Strict`, `warn` is
/// `Warn`, `ignore` or a false Boolean is `Ignore`, sent as the write's `fieldValidation`. Pure.
enum FieldValidationFlag {
    /// The directive for the flag's value.
    /// - Throws: ``LabelError`` with kubectl's message for any other value.
    static func directive(_ value: String) throws(LabelError) -> String {
        switch value {
        case "strict", "1", "t", "T", "TRUE", "true", "True": return "Strict"
        case "warn": return "Warn"
        case "ignore", "0", "f", "F", "FALSE", "false", "False": return "Ignore"
        default:
            throw LabelError(
                "invalid - validate option \(GoQuote.quote(value)); must be one of: strict (or true), warn, ignore (or false)")
        }
    }
}

extension APIClient {
    /// Sends a write and prints the warnings the server sent before its answer, as kubectl prints a response's
    /// `Warning` headers (`Warning: unknown field "foo"`, on standard error); returns the answer object.
    func sendPrintingWarnings(_ request: Request) async throws -> JSONValue? {
        let (object, warnings) = try await wire.sendReportingWarnings(request, timeout: timeout)
        for text in warnings { ErrorReporting.printError("Warning: \(text)") }
        return object
    }
}
