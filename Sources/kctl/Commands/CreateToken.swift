import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl create token SERVICE_ACCOUNT [--duration D] [--audience A]... [--bound-object-kind Node|Pod|Secret
/// --bound-object-name N [--bound-object-uid U]] [-o yaml|json]`: asks the API for a token of the ServiceAccount
/// (`create serviceaccounts/NAME/token`) and prints it, as kubectl does (a newline only on a terminal).
struct CreateToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Request a service account token.")

    @ParentCommand var create: Create

    @Argument(help: "The service account's name.")
    var names: [String] = []

    @Option(help: "Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.")
    var audience: [String] = []

    @Option(help: "Requested lifetime of the issued token (e.g. 10m, 1h). The server may return a token with a longer or shorter lifetime.")
    var duration: String = "0s"

    @Option(help: "Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret.")
    var boundObjectKind: String = ""

    @Option(help: "Name of an object to bind the token to. The token will expire when the object is deleted.")
    var boundObjectName: String = ""

    @Option(help: "UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name.")
    var boundObjectUid: String = ""

    /// The TokenRequest kubectl builds from the flags, or kubectl's validation error.
    static func tokenRequest(
        audiences: [String], duration: String, boundKind: String, boundName: String, boundUID: String
    ) throws(ValidationError) -> JSONValue {
        guard let parsed = DurationText.parse(duration) else {
            throw ValidationError("invalid argument \"\(duration)\" for \"--duration\" flag: time: invalid duration \"\(duration)\"")
        }
        if parsed.components.attoseconds != 0 {
            throw ValidationError("--duration cannot be expressed in units less than seconds")
        }
        for audience in audiences where audience.isEmpty {
            throw ValidationError("--audience must not be an empty string")
        }
        var spec: JSONValue = ["audiences": .array(audiences.map(JSONValue.string))]
        if audiences.isEmpty { spec["audiences"] = .null }
        if parsed.components.seconds > 0 { spec["expirationSeconds"] = .int(parsed.components.seconds) }
        if boundKind.isEmpty {
            if !boundName.isEmpty {
                throw ValidationError("--bound-object-name can only be set if --bound-object-kind is provided")
            }
            if !boundUID.isEmpty {
                throw ValidationError("--bound-object-uid can only be set if --bound-object-kind is provided")
            }
        } else {
            guard ["Node", "Pod", "Secret"].contains(boundKind) else {
                throw ValidationError("supported --bound-object-kind values are Node, Pod, Secret")
            }
            if boundName.isEmpty {
                throw ValidationError("--bound-object-name is required if --bound-object-kind is provided")
            }
            var reference: JSONValue = ["kind": .string(boundKind), "apiVersion": "v1", "name": .string(boundName)]
            if !boundUID.isEmpty { reference["uid"] = .string(boundUID) }
            spec["boundObjectRef"] = reference
        }
        return [
            "apiVersion": .string(TokenRequest.apiVersion), "kind": "TokenRequest", "metadata": [:], "spec": spec,
        ]
    }

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create token")
        let body = try Self.tokenRequest(
            audiences: audience, duration: duration, boundKind: boundObjectKind, boundName: boundObjectName,
            boundUID: boundObjectUid)
        let output = create.output ?? ""
        guard ["", "yaml", "json"].contains(output) else {
            throw ValidationError(
                "unable to match a printer suitable for the output format \"\(output)\", allowed formats are: json,yaml")
        }
        let answer: JSONValue
        do {
            answer = try await APIClient.with(create.global) { client in
                var request = Request(
                    verb: .create, kind: ResourceKind.serviceAccount.kind, namespace: client.defaultNamespace,
                    name: name)
                request.object = body
                request.subresource = TokenRequest.subresource
                return try await client.send(request) ?? [:]
            }
        } catch {
            ErrorReporting.printError("error: failed to create token: \(DescribeFetcher.message(error))")
            throw ExitCode(1)
        }
        guard let token = answer[path: ["status", "token"]]?.stringValue, !token.isEmpty else {
            ErrorReporting.printError("error: failed to create token: no token in server response")
            throw ExitCode(1)
        }
        if !output.isEmpty {
            var printer = ObjectPrinter(format: output == "yaml" ? .yaml : .json, operation: "created")
            print(printer.print(answer), terminator: "")
        } else {
            print(token, terminator: isatty(STDOUT_FILENO) == 1 ? "\n" : "")
        }
    }
}
