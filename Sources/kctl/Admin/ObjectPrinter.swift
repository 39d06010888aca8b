import ArgumentParser
import KubeAPI
import Wire

/// How `create`, `edit`, `cordon` and friends print an object they wrote, as kubectl's print flags: by default
/// the name printer's `<kind>/<name> <operation>` line; `-o name` the bare name; `-o yaml` / `-o json` the object
/// the server returned (YAML documents after the first are preceded by `---`). Pure.
struct ObjectPrinter: Sendable {
    enum Format: String, Sendable, Equatable {
        case operation = ""
        case name, yaml, json
    }

    let format: Format
    /// `created`, `edited`, `skipped`...
    let operation: String
    /// ` (dry run)` or ` (server dry run)` after the operation, or "".
    let dryRunSuffix: String
    private var printed = 0

    init(format: Format, operation: String, dryRunSuffix: String = "") {
        self.format = format
        self.operation = operation
        self.dryRunSuffix = dryRunSuffix
    }

    /// The printer for `-o TEXT` among `allowed` formats (the default line when `text` is nil or empty).
    ///
    /// - Throws: kubectl's `unable to match a printer suitable for the output format ...` error.
    init(output text: String?, allowed: [Format], operation: String, dryRunSuffix: String = "") throws {
        let text = text ?? ""
        guard let format = Format(rawValue: text), format == .operation || allowed.contains(format) else {
            let names = allowed.map(\.rawValue).sorted().joined(separator: ",")
            throw ValidationError(
                "unable to match a printer suitable for the output format \"\(text)\", allowed formats are: \(names)")
        }
        self.init(format: format, operation: operation, dryRunSuffix: dryRunSuffix)
    }

    /// The text for one object (ending in a newline); `kind` names objects that lack their `kind` field.
    mutating func print(_ object: JSONValue, kind: ResourceKind? = nil) -> String {
        printed += 1
        switch format {
        case .operation:
            return "\(NamePrinter.name(of: object, kind: kind?.kind)) \(operation)\(dryRunSuffix)\n"
        case .name:
            return NamePrinter.name(of: object, kind: kind?.kind) + "\n"
        case .yaml:
            return (printed > 1 ? "---\n" : "") + YAMLPrinter.print(object)
        case .json:
            return JSONPrinter.print(object)
        }
    }
}
