import KubeAPI
import Wire

/// A failure of a `rollout`, `set image` or `scale` command that kubectl reports as `error: <message>`.
struct RolloutError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message.hasPrefix("error: ") ? message : "error: \(message)" }
}

/// kubectl's `cmdutil.CheckErr` for an aggregate of errors. Server errors read `Error from server (...): ...`
/// (kubectl's `StandardErrorMessage`), others are their message. One error prints alone, `error: `-prefixed unless
/// it is a server error or already so prefixed; several print one after another, each followed by a newline,
/// without a prefix. Pure.
enum ErrorAggregate {
    /// The text for standard error, ending in a newline as kubectl's `fatal` makes it; `nil` for no errors.
    static func render(_ errors: [any Error]) -> String? {
        guard !errors.isEmpty else { return nil }
        var text: String
        if errors.count == 1 {
            let (message, standard) = Self.message(errors[0])
            text = standard || message.hasPrefix("error: ") ? message : "error: \(message)"
        } else {
            text = errors.map { Self.message($0).text + "\n" }.joined()
        }
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// An error's text and whether it is a server error in kubectl's standard form.
    private static func message(_ error: any Error) -> (text: String, standard: Bool) {
        if error is Status || error is WireError { return (ErrorReporting.render(error), true) }
        if let rollout = error as? RolloutError { return (rollout.message, false) }
        return ("\(error)", false)
    }
}
