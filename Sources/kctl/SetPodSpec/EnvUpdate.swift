import KubeAPI
import Wire

/// The arguments of `kubectl set env` and what they do to one object (kubectl's `cmd/set/set_env.go` and
/// `cmd/set/env/env_parse.go`). Pure.
struct EnvUpdate: Sendable, Equatable {
    /// The resource arguments (`deployment/redis`, or `deployments redis`).
    var resources: [String]
    /// Variables to set, in argument order.
    var env: [Variable]
    /// Names to remove (`KEY-`).
    var remove: [String]

    /// One `KEY=VALUE`.
    struct Variable: Sendable, Equatable {
        var name: String
        var value: String

        var json: JSONValue { ["name": .string(name), "value": .string(value)] }
    }

    /// What updating one object gives: the patch (nil: nothing changed), the `--list` text, and the warning for an
    /// object without matching containers.
    struct Outcome: Sendable, Equatable {
        var patch: JSONValue?
        var listing: String
        var warning: String?
    }

    /// Splits resources from environment arguments (`SplitEnvironmentFromResources`), then parses those and the
    /// `-e` values (`ParseEnv`); `stdin` gives the text for a `-` argument.
    /// - Throws: ``RolloutError`` with kubectl's messages.
    static func parse(_ arguments: [String], envFlags: [String], stdin: () -> String) throws(RolloutError)
        -> EnvUpdate
    {
        var update = EnvUpdate(resources: [], env: [], remove: [])
        var envArguments: [String] = []
        for argument in arguments {
            let isEnv = isEnvironmentArgument(argument) || argument.hasSuffix("-")
            if isEnv {
                envArguments.append(argument)
            } else if !envArguments.isEmpty {
                throw RolloutError(
                    "all resources must be specified before environment changes: \(arguments.joined(separator: " "))")
            } else {
                update.resources.append(argument)
            }
        }
        for spec in envFlags + envArguments {
            if spec == "-" {
                for line in stdin().split(whereSeparator: \.isNewline).map(String.init)
                where !line.isEmpty && !line.hasPrefix("#") {
                    guard let equals = line.firstIndex(of: "=") else {
                        throw RolloutError("invalid environment variable: \(line)")
                    }
                    update.env.append(
                        Variable(
                            name: String(line[..<equals]), value: String(line[line.index(after: equals)...])))
                }
            } else if let equals = spec.firstIndex(of: "=") {
                let name = String(spec[..<equals])
                let errors = Validation.isEnvVarName(name)
                if !errors.isEmpty {
                    throw RolloutError(
                        "\(GoQuote.quote(name)) is not a valid key name: \(errors.joined(separator: ";"))")
                }
                update.env.append(Variable(name: name, value: String(spec[spec.index(after: equals)...])))
            } else if spec.hasSuffix("-") {
                update.remove.append(String(spec.dropLast()))
            } else {
                throw RolloutError("unknown environment variable: \(spec)")
            }
        }
        if update.remove.contains(where: { name in update.env.contains { $0.name == name } }) {
            throw RolloutError("can not both modify and remove the same environment variable in the same command")
        }
        return update
    }

    /// `IsEnvironmentArgument`: `(?ms)^(.+)\=(.*)$`, something before an `=`.
    static func isEnvironmentArgument(_ argument: String) -> Bool {
        guard let equals = argument.firstIndex(of: "=") else { return false }
        return equals != argument.startIndex || argument.dropFirst().contains("=")
    }

    /// `EnvOptions.Validate`.
    func validate(all: Bool, selector: String?, list: Bool, output: String?) -> RolloutError? {
        if all && !(selector ?? "").isEmpty { return RolloutError("cannot set --all and --selector at the same time") }
        if resources.isEmpty {
            return RolloutError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        if list && !(output ?? "").isEmpty { return RolloutError("--list and --output may not be specified together") }
        return nil
    }

    /// Updates the env of the containers matching `containers` (a glob) in `object`, as kubectl's `RunEnv`.
    /// - Throws: ``RolloutError`` `error: deployments.apps/x 'K' already has a value (v), and --overwrite is
    ///   false` (kubectl's per-object error, ending in a newline), or the no-pod-template error.
    func apply(to object: JSONValue, kind: ResourceKind, containers pattern: String, overwrite: Bool)
        throws(RolloutError) -> Outcome
    {
        let name = JSONFields(object).name
        let objectName = "\(kind.groupResource)/\(name)"
        guard ContainerSelection.lists(for: kind) != nil else {
            throw RolloutError("error: \(objectName) \(ContainerSelection.notAPodError(kind))\n")
        }
        var listing = ""
        var overwriteError: RolloutError?
        let (modified, matched) = ContainerSelection.update(object, kind: kind, pattern: pattern) { container in
            let existing = container["env"]?.arrayValue ?? []
            if !overwrite, overwriteError == nil {
                for variable in env {
                    if let old = existing.first(where: { $0["name"]?.stringValue == variable.name }),
                        case let value = old["value"]?.stringValue ?? "", value != variable.value
                    {
                        overwriteError = RolloutError(
                            "error: \(objectName) '\(variable.name)' already has a value (\(value)), and --overwrite is false\n"
                        )
                    }
                }
            }
            let updated = updated(existing)
            container["env"] = updated.isEmpty ? nil : .array(updated)
            listing += "# \(kind.kind) \(name), container \(container["name"]?.stringValue ?? "")\n"
            for variable in updated {
                if let source = variable["valueFrom"], source.objectValue != nil {
                    listing += "# \(variable["name"]?.stringValue ?? "") from \(Self.referenceText(source))\n"
                } else {
                    listing += "\(variable["name"]?.stringValue ?? "")=\(variable["value"]?.stringValue ?? "")\n"
                }
            }
        }
        if let overwriteError { throw overwriteError }
        guard matched > 0 else {
            return Outcome(
                patch: nil, listing: "",
                warning:
                    "warning: \(kind.kind)/\(name) does not have any containers matching \(GoQuote.quote(pattern))")
        }
        let patch = StrategicMergePatch.twoWay(original: object, modified: modified, kind: kind.kind)
        return Outcome(patch: patch, listing: listing, warning: nil)
    }

    /// `updateEnv`: existing variables in order (replaced in place, removed ones dropped), then the new ones.
    func updated(_ existing: [JSONValue]) -> [JSONValue] {
        var covered = Set(remove)
        var out: [JSONValue] = []
        for variable in existing {
            let name = variable["name"]?.stringValue ?? ""
            if covered.contains(name) { continue }
            if let newer = env.first(where: { $0.name == name }) {
                covered.insert(name)
                out.append(newer.json)
            } else {
                out.append(variable)
            }
        }
        for variable in env where !covered.contains(variable.name) {
            covered.insert(variable.name)
            out.append(variable.json)
        }
        return out
    }

    /// `GetEnvVarRefString`: how `--list` names a variable's source.
    static func referenceText(_ source: JSONValue) -> String {
        if let ref = source["configMapKeyRef"], ref.objectValue != nil {
            return "configmap \(ref["name"]?.stringValue ?? ""), key \(ref["key"]?.stringValue ?? "")"
        }
        if let ref = source["secretKeyRef"], ref.objectValue != nil {
            return "secret \(ref["name"]?.stringValue ?? ""), key \(ref["key"]?.stringValue ?? "")"
        }
        if let ref = source["fieldRef"], ref.objectValue != nil {
            return "field path \(ref["fieldPath"]?.stringValue ?? "")"
        }
        if let ref = source["resourceFieldRef"], ref.objectValue != nil {
            let container = ref["containerName"]?.stringValue ?? ""
            return "resource field \(container.isEmpty ? "" : container + "/")\(ref["resource"]?.stringValue ?? "")"
        }
        return "invalid env var reference"
    }
}
