import ArgumentParser
import KubeAPI
import Wire

/// `kctl auth can-i|whoami`: what the caller may do, and who it is, asked of the server's authorizer.
struct Auth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect authorization.", subcommands: [AuthCanI.self, AuthWhoAmI.self])
}

/// `kctl auth can-i VERB RESOURCE[/NAME] | VERB /URL [-A] [--subresource S] [-q]`: `yes` (exit 0) or `no` (exit
/// 1), from a SelfSubjectAccessReview; `--list [--no-headers]`: the rules of a SelfSubjectRulesReview.
struct AuthCanI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can-i", abstract: "Check whether an action is allowed.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "VERB, then RESOURCE, RESOURCE/NAME or a non-resource URL (/logs).")
    var arguments: [String] = []

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "If true, check the specified action in all namespaces.")
    var allNamespaces = false

    @Flag(name: [.short, .customLong("quiet")], help: "If true, suppress output and just return the exit code.")
    var quiet = false

    @Option(help: "SubResource such as pod/log or deployment/scale.")
    var subresource = ""

    @Flag(help: "If true, prints all allowed actions.")
    var list = false

    @Flag(help: "If true, prints allowed actions without headers.")
    var noHeaders = false

    func run() async throws {
        if list {
            let message: String? =
                !arguments.isEmpty ? "error: list option must be specified with no arguments"
                : quiet || allNamespaces || !subresource.isEmpty
                    ? "error: list option can't be specified with neither quiet, all-namespaces nor subresource options" : nil
            if let message {
                ErrorReporting.printError(message)
                throw ExitCode(1)
            }
            try await listRules()
            return
        }
        let options = self
        let allowed = try await run { client in
            let question: CanIQuestion
            do {
                question = try CanIQuestion.parse(
                    options.arguments, namespace: client.defaultNamespace, allNamespaces: options.allNamespaces,
                    subresource: options.subresource, noHeaders: options.noHeaders)
            } catch {
                ErrorReporting.printError("\(error)")
                throw ExitCode(1)
            }
            for warning in question.warnings { ErrorReporting.printError("Warning: \(warning)\n") }
            var request = Request(verb: .create, kind: SelfReviewRequest.accessReviewKind)
            request.object = question.review
            let answer = try await client.send(request)
            let (line, allowed) = CanIQuestion.answer(answer?["status"])
            if !options.quiet { print(line) }
            return allowed
        }
        if !allowed { throw ExitCode(1) }
    }

    /// `--list`: the rules a SelfSubjectRulesReview reports for the namespace, as kubectl prints them.
    private func listRules() async throws {
        let status = try await run { client in
            var request = Request(verb: .create, kind: SelfReviewRequest.rulesReviewKind)
            request.object = [
                "apiVersion": "authorization.k8s.io/v1", "kind": .string(SelfReviewRequest.rulesReviewKind),
                "spec": ["namespace": .string(client.defaultNamespace)],
            ]
            return try await client.send(request)?["status"]
        }
        let (text, warning) = RulesTable.render(status, noHeaders: noHeaders)
        if let warning { ErrorReporting.printError(warning) }
        print(text, terminator: "")
    }

    /// Runs `body` on a connection; a failure to reach or ask the server is printed and exits 1.
    private func run<R: Sendable>(_ body: @Sendable (APIClient) async throws -> R) async throws -> R {
        do {
            return try await APIClient.with(global, body)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }
}

/// `kctl auth whoami [-o json|yaml]`: the caller's user name and groups, from a SelfSubjectReview.
struct AuthWhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Experimental: Check self subject attributes.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.short, .customLong("output")], help: "Output format. One of: (json, yaml).")
    var output: String?

    func run() async throws {
        let format: ObjectPrinter.Format
        switch output ?? "" {
        case "": format = .operation
        case "json": format = .json
        case "yaml": format = .yaml
        default:
            ErrorReporting.printError(
                "error: unable to match a printer suitable for the output format \"\(output ?? "")\", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml")
            throw ExitCode(1)
        }
        let review: JSONValue
        do {
            review = try await APIClient.with(global) { client in
                var request = Request(verb: .create, kind: SelfReviewRequest.whoamiKind)
                request.object = ["apiVersion": "authentication.k8s.io/v1", "kind": .string(SelfReviewRequest.whoamiKind)]
                return try await client.send(request) ?? [:]
            }
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        if format == .json {
            print(WhoAmITable.json(review), terminator: "")
            return
        }
        if format != .operation {
            var printer = ObjectPrinter(format: format, operation: "")
            print(printer.print(review), terminator: "")
            return
        }
        print(WhoAmITable.render(review), terminator: "")
    }
}

/// `kubectl auth whoami`'s table: `Username`, `UID`, `Groups` and `Extra: KEY` rows of the review's userInfo.
/// Pure.
enum WhoAmITable {
    static func render(_ review: JSONValue) -> String {
        let info = review[path: ["status", "userInfo"]]
        var lines: [[String]] = [["ATTRIBUTE", "VALUE"]]
        if let name = info?["username"]?.stringValue, !name.isEmpty { lines.append(["Username", name]) }
        if let uid = info?["uid"]?.stringValue, !uid.isEmpty { lines.append(["UID", uid]) }
        let groups = info?["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !groups.isEmpty { lines.append(["Groups", "[" + groups.joined(separator: " ") + "]"]) }
        for (key, values) in (info?["extra"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let list = values.arrayValue?.compactMap(\.stringValue) ?? []
            lines.append(["Extra: \(key)", "[" + list.joined(separator: " ") + "]"])
        }
        var writer = TableWriter()
        return writer.format(lines)
    }

    /// The review as kubectl prints it with `-o json`: members in the API types' field order (kind, apiVersion,
    /// metadata, status; userInfo's username, uid, groups, extra), indented by four spaces.
    static func json(_ review: JSONValue) -> String {
        func ordered(_ value: JSONValue?, _ keys: [String]) -> [(String, JSONValue)] {
            keys.compactMap { key in value?[key].map { (key, $0) } }
        }
        func write(_ members: [(String, JSONValue)], depth: Int, nested: (String, JSONValue) -> String?) -> String {
            guard !members.isEmpty else { return "{}" }
            let indent = String(repeating: "    ", count: depth + 1)
            let lines = members.map { key, value in
                "\(indent)\(JSONPrinter.compact(.string(key))): " + (nested(key, value) ?? indented(value, depth: depth + 1))
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: "    ", count: depth) + "}"
        }
        func indented(_ value: JSONValue, depth: Int) -> String {
            let text = JSONPrinter.print(value).dropLast()
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                index == 0 ? String(line) : String(repeating: "    ", count: depth) + line
            }.joined(separator: "\n")
        }
        let userInfo = review[path: ["status", "userInfo"]]
        let text = write(ordered(review, ["kind", "apiVersion", "metadata", "status"]), depth: 0) { key, value in
            guard key == "status" else { return nil }
            return write(ordered(value, ["userInfo"]), depth: 1) { _, _ in
                write(ordered(userInfo, ["username", "uid", "groups", "extra"]), depth: 2) { _, _ in nil }
            }
        }
        return text + "\n"
    }
}
