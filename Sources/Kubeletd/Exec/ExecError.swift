import Foundation

/// Why an exec could not start: the node could not set the process up (pseudo-terminal, pipes).
enum ExecError: Error, Sendable, Hashable, CustomStringConvertible {
    case setup(String)

    var description: String {
        switch self {
        case .setup(let text): text
        }
    }
}
