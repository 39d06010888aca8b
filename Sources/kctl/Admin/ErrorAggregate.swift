import KubeAPI
import Wire

/// Several errors reported together, as apimachinery's `utilerrors.Aggregate` (what kubectl's visitors return when
/// they continue on error).
struct AggregateError: Error, CustomStringConvertible {
    var errors: [any Error]

    /// Go's `Aggregate.Error()`: see ``KubectlErrors/aggregateMessage(_:)``.
    var description: String { KubectlErrors.aggregateMessage(errors) }
}

/// A plain error with a fixed message (Go's `fmt.Errorf`), printed by kubectl as `error: <message>`.
struct MessageError: Error, Equatable, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// How kubectl turns errors into text (`cmdutil.CheckErr`, `StandardErrorMessage`, `AddSourceToErr`). Pure.
enum KubectlErrors {
    /// Go's `err.Error()`: a Status's message, an aggregate's joined messages, else the text without the
    /// `error: ` prefix our own errors carry.
    static func message(_ error: any Error) -> String {
        if let status = error as? Status { return status.message ?? "unknown" }
        if let aggregate = error as? AggregateError { return aggregateMessage(aggregate.errors) }
        let text = "\(error)"
        return text.hasPrefix("error: ") ? String(text.dropFirst("error: ".count)) : text
    }

    /// `Aggregate.Error()`: one error's message alone; several flattened, duplicates dropped, joined with `, `
    /// in brackets (unless only one distinct message remains).
    static func aggregateMessage(_ errors: [any Error]) -> String {
        if errors.count == 1 { return message(errors[0]) }
        var seen: [String] = []
        for text in flattened(errors).map(message) where !seen.contains(text) { seen.append(text) }
        if seen.count == 1 { return seen[0] }
        return seen.isEmpty ? "" : "[" + seen.joined(separator: ", ") + "]"
    }

    /// kubectl's `AddSourceToErr`: `error when <verb> "<source>": ` in front of the message (a Status keeps its
    /// reason and details, so an Invalid error still prints from its causes).
    static func addSource(_ verb: String, source: String, to error: any Error) -> any Error {
        guard !source.isEmpty else { return error }
        if var status = error as? Status {
            status.message = "error when \(verb) \"\(source)\": \(status.message ?? "")"
            return status
        }
        return MessageError("error when \(verb) \"\(source)\": \(message(error))")
    }

    /// What `cmdutil.CheckErr` prints for an error (without the final newline): an aggregate of one is unwrapped
    /// once; an Invalid Status prints from its causes; an aggregate prints one line per error
    /// (``standardMessage(_:)``, no `error: ` prefix); a Status is `Error from server (Reason): message`; anything
    /// else `error: message`.
    static func checkErr(_ error: any Error) -> String {
        var error = error
        if let aggregate = error as? AggregateError, aggregate.errors.count == 1 { error = aggregate.errors[0] }
        if let aggregate = error as? AggregateError {
            return aggregate.errors.map(standardMessage).joined(separator: "\n")
        }
        return ErrorReporting.render(error)
    }

    /// `messageForError`: `Error from server (Reason): message` for a Status, else the plain message.
    static func standardMessage(_ error: any Error) -> String {
        if let status = error as? Status {
            if let reason = status.reason?.rawValue, !reason.isEmpty {
                return "Error from server (\(reason)): \(status.message ?? "")"
            }
            return "Error from server: \(status.message ?? "")"
        }
        return message(error)
    }

    private static func flattened(_ errors: [any Error]) -> [any Error] {
        errors.flatMap { error -> [any Error] in
            if let aggregate = error as? AggregateError { return flattened(aggregate.errors) }
            return [error]
        }
    }
}
