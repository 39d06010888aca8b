import Foundation

/// A label or field selector that could not be parsed or built, with Kubernetes' message text
/// (`unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt`).
public struct SelectorError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The whole message, as the API server would put it in a `Status`.
    public var message: String
    /// The field errors behind the message, when it came from requirement validation (else empty).
    public var fieldErrors: [FieldError]

    public init(_ message: String, fieldErrors: [FieldError] = []) {
        self.message = message
        self.fieldErrors = fieldErrors
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    /// Go's `utilerrors.NewAggregate(...).Error()`: one error as is, several as `[e1, e2]` (duplicates dropped).
    static func aggregate(_ errors: [FieldError]) -> String {
        var seen = Set<String>()
        var messages: [String] = []
        for error in errors where seen.insert(error.description).inserted {
            messages.append(error.description)
        }
        switch messages.count {
        case 0: return ""
        case 1: return messages[0]
        default: return "[" + messages.joined(separator: ", ") + "]"
        }
    }
}
