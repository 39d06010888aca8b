import KubeAPI

/// `--dry-run=none|client|server` as kubectl reads it (`cmdutil.GetDryRunStrategy`) and the suffix its printers add
/// to the operation (`created (dry run)`, `deleted (server dry run)`). Pure.
enum DryRunStrategy: Sendable, Equatable {
    case none, client, server

    /// Parses the flag's value; the deprecated Booleans map to client/none with kubectl's warning.
    /// - Throws: ``RolloutError`` `Invalid dry-run value (x). Must be "none", "server", or "client".`
    static func parse(_ value: String) throws(RolloutError) -> (strategy: DryRunStrategy, warning: String?) {
        switch value {
        case "none": return (.none, nil)
        case "client": return (.client, nil)
        case "server": return (.server, nil)
        default: break
        }
        if let flag = goBool(value) {
            let replacement = flag ? "client" : "none"
            return (
                flag ? .client : .none,
                "--dry-run=\(value) is deprecated (boolean value) and can be replaced with --dry-run=\(replacement)."
            )
        }
        throw RolloutError("Invalid dry-run value (\(value)). Must be \"none\", \"server\", or \"client\".")
    }

    /// Go's `strconv.ParseBool`.
    private static func goBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    /// What follows the operation word: ` (dry run)`, ` (server dry run)` or nothing.
    var suffix: String {
        switch self {
        case .none: ""
        case .client: " (dry run)"
        case .server: " (server dry run)"
        }
    }

    /// The write options to send: `dryRun` (Kubernetes' `All`) for server dry runs only.
    var writeOptions: WriteOptions { WriteOptions(dryRun: self == .server) }
}
