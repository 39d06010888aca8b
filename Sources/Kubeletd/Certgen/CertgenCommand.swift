/// A `kube-webhook-certgen` command line (the program of ingress-nginx's and other charts' admission-webhook Jobs),
/// parsed as the real program's flags parse: `--flag=value` or `--flag value`, booleans also as bare `--flag`. Pure.
///
/// - `create --host=a,b --namespace=N --secret-name=S [--cert-name=cert --key-name=key --ca-name=ca]`
/// - `patch --webhook-name=W --namespace=N --secret-name=S [--patch-validating=true --patch-mutating=true
///   --patch-failure-policy=Fail|Ignore --ca-name=ca]`
///
/// `--log-level` and `--log-format` are accepted and ignored.
enum CertgenCommand: Sendable, Hashable {
    case create(Create)
    case patch(Patch)

    /// What `create` writes: a Secret with a CA and a serving certificate for `hosts`.
    struct Create: Sendable, Hashable {
        var hosts: [String]
        var namespace: String
        var secretName: String
        var certName = "cert"
        var keyName = "key"
        var caName = "ca"
    }

    /// What `patch` changes: the `caBundle` (and `failurePolicy`) of the webhooks of configuration `webhookName`.
    struct Patch: Sendable, Hashable {
        var webhookName: String
        var namespace: String
        var secretName: String
        var patchValidating = true
        var patchMutating = true
        /// `Fail` or `Ignore`; nil leaves each webhook's policy as it is.
        var failurePolicy: String?
        var caName = "ca"
    }

    /// A command line that cannot run; `message` is what the program prints.
    struct UsageError: Error, Hashable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static let booleanFlags: Set<String> = ["patch-validating", "patch-mutating"]
    private static let valueFlags: Set<String> = [
        "host", "namespace", "secret-name", "cert-name", "key-name", "ca-name", "webhook-name",
        "patch-failure-policy", "log-level", "log-format",
    ]

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws -> CertgenCommand {
        guard let verb = arguments.first, !verb.hasPrefix("-") else {
            throw UsageError(message: "Error: a command is required: create or patch")
        }
        guard verb == "create" || verb == "patch" else {
            throw UsageError(message: "Error: unknown command \"\(verb)\" for \"kube-webhook-certgen\"")
        }
        let flags = try parseFlags(Array(arguments.dropFirst()))
        func required(_ name: String) throws -> String {
            guard let value = flags[name], !value.isEmpty else {
                throw UsageError(message: "Error: required flag(s) \"\(name)\" not set")
            }
            return value
        }
        func boolean(_ name: String) throws -> Bool {
            guard let value = flags[name] else { return true }
            switch value.lowercased() {
            case "true", "1", "t": return true
            case "false", "0", "f": return false
            default:
                throw UsageError(
                    message: "Error: invalid argument \"\(value)\" for \"--\(name)\" flag: strconv.ParseBool: "
                        + "parsing \"\(value)\": invalid syntax")
            }
        }
        if verb == "create" {
            let hosts = try required("host").split(separator: ",").map(String.init).filter { !$0.isEmpty }
            return .create(
                Create(
                    hosts: hosts, namespace: try required("namespace"), secretName: try required("secret-name"),
                    certName: flags["cert-name"] ?? "cert", keyName: flags["key-name"] ?? "key",
                    caName: flags["ca-name"] ?? "ca"))
        }
        let policy = flags["patch-failure-policy"].flatMap { $0.isEmpty ? nil : $0 }
        if let policy, policy != "Fail", policy != "Ignore" {
            throw UsageError(message: "Error: patch-failure-policy \(policy) is not valid")
        }
        let patch = Patch(
            webhookName: try required("webhook-name"), namespace: try required("namespace"),
            secretName: try required("secret-name"), patchValidating: try boolean("patch-validating"),
            patchMutating: try boolean("patch-mutating"), failurePolicy: policy, caName: flags["ca-name"] ?? "ca")
        guard patch.patchValidating || patch.patchMutating else {
            throw UsageError(message: "Error: patch-validating=false, patch-mutating=false. You must patch at least one kind of webhook, otherwise this command is a no-op")
        }
        return .patch(patch)
    }

    /// `--name=value`, `--name value` and (booleans) bare `--name`, by name.
    private static func parseFlags(_ arguments: [String]) throws -> [String: String] {
        var flags: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                throw UsageError(message: "Error: unexpected argument \"\(argument)\"")
            }
            let body = argument.drop { $0 == "-" }
            let name: String
            var value: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            if booleanFlags.contains(name) {
                flags[name] = value ?? "true"
            } else if valueFlags.contains(name) {
                if value == nil {
                    guard index < arguments.count else {
                        throw UsageError(message: "Error: flag needs an argument: --\(name)")
                    }
                    value = arguments[index]
                    index += 1
                }
                flags[name] = value
            } else {
                throw UsageError(message: "Error: unknown flag: --\(name)")
            }
        }
        return flags
    }
}
