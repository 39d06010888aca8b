import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl create configmap NAME [--from-literal=k=v]... [--from-file=[key=]path]...` (alias `cm`):
/// `configmap/NAME created`. Its `-o`, `--dry-run` and `--save-config` are `create`'s.
struct CreateConfigMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "configmap", abstract: "Create a config map from a local file, directory or literal value.",
        aliases: ["cm"])

    @ParentCommand var create: Create

    @Argument(help: "The config map's name.")
    var names: [String] = []

    @Option(help: "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue).")
    var fromLiteral: [String] = []

    @Option(
        help:
            "Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used."
    )
    var fromFile: [String] = []

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create configmap")
        let generator = ConfigDataGenerator(
            kind: .configMap, name: name, literals: fromLiteral,
            files: fromFile.flatMap { $0.split(separator: ",").map(String.init) }, namespace: create.global.namespace)
        try await create.createGenerated(try CreateSecretGeneric.generate(generator))
    }
}

/// `kctl create secret`: only `generic` is served (no docker-registry or tls yet).
struct CreateSecret: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret", abstract: "Create a secret using a specified subcommand.",
        subcommands: [CreateSecretGeneric.self])

    @ParentCommand var create: Create
}

/// `kctl create secret generic NAME [--from-literal=k=v]... [--from-file=[key=]path]... [--type T]`:
/// `secret/NAME created`.
struct CreateSecretGeneric: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generic", abstract: "Create a secret from a local file, directory, or literal value.")

    @ParentCommand var secret: CreateSecret

    @Argument(help: "The secret's name.")
    var names: [String] = []

    @Option(help: "Specify a key and literal value to insert in secret (i.e. mykey=somevalue).")
    var fromLiteral: [String] = []

    @Option(
        help:
            "Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used."
    )
    var fromFile: [String] = []

    @Option(help: "The type of secret to create.")
    var type: String?

    func run() async throws {
        let create = secret.create
        let name = try CreateOptions.requireOneName(names, command: "create secret generic")
        let generator = ConfigDataGenerator(
            kind: .secret, name: name, literals: fromLiteral,
            files: fromFile.flatMap { $0.split(separator: ",").map(String.init) }, type: type,
            namespace: create.global.namespace)
        try await create.createGenerated(try Self.generate(generator))
    }

    /// The generated object, or kubectl's error and exit 1.
    static func generate(_ generator: ConfigDataGenerator) throws -> JSONValue {
        do {
            return try generator.object(reading: LocalSourceFiles())
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
    }
}
