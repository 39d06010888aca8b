import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl diff -f FILE|DIR|-`: what applying the manifests would change, as kubectl shows it: for each object, the
/// live object and the object as a server dry run of the apply patch (or of the create, for an absent object)
/// answers, written as YAML into two temporary directories and compared with `diff -u -N` (or the program
/// `KUBECTL_EXTERNAL_DIFF` names). Exit 0 without differences, 1 with, 2 (kubectl's `CheckDiffErr`) on errors.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Diff the live version against a would-be applied version.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.short, .customLong("filename")], help: "Files, directories or - (stdin) with the manifests.")
    var filenames: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Process directories recursively.")
    var recursive = false

    @Flag(help: "If true, include managed fields in the diff.")
    var showManagedFields = false

    func run() async throws {
        guard !filenames.isEmpty else { Self.fail("error: must specify one of -f and -k") }
        let objects: [ManifestObject]
        do {
            objects = try ManifestSource.read(filenames, recursive: recursive)
        } catch {
            Self.fail("\(error)")
        }
        let options = CreateOptions(explicitNamespace: global.namespace, saveConfig: false, dryRun: "none")
        let pairs: [(name: String, live: JSONValue?, merged: JSONValue?)]
        do {
            pairs = try await APIClient.with(global) { client in
                var pairs: [(name: String, live: JSONValue?, merged: JSONValue?)] = []
                for item in objects {
                    pairs.append(try await Self.compare(item, options: options, client: client))
                }
                return pairs
            }
        } catch {
            Self.fail(KubectlErrors.checkErr(error))
        }
        let directories: DiffDirectories
        do {
            directories = try DiffDirectories()
        } catch {
            Self.fail(ErrorReporting.render(error))
        }
        defer { directories.remove() }
        do {
            for pair in pairs {
                let shown = showManagedFields ? (pair.live, pair.merged) : DiffObjects.printable(live: pair.live, merged: pair.merged)
                try directories.write(
                    name: pair.name, live: shown.0.map(YAMLPrinter.print), merged: shown.1.map(YAMLPrinter.print))
            }
            if let external = ProcessInfo.processInfo.environment["KUBECTL_EXTERNAL_DIFF"], !external.isEmpty {
                let status = try directories.external(external)
                if status != 0 { throw ExitCode(status) }
                return
            }
            let (text, different) = try directories.unifiedDiff()
            print(text, terminator: "")
            if different { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Self.fail(ErrorReporting.render(error))
        }
    }

    /// One object's file name, live state (nil: absent) and state after a server dry run of the apply.
    private static func compare(_ item: ManifestObject, options: CreateOptions, client: APIClient) async throws
        -> (name: String, live: JSONValue?, merged: JSONValue?)
    {
        let (kind, namespace, object) = try options.prepared(item.object, source: item.source, client: client)
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let fileName = DiffObjects.fileName(kind: kind, namespace: namespace, name: name)
        let live: JSONValue?
        do {
            live = try await client.get(kind, namespace: namespace, name: name)
        } catch let status as Status where status.reason == .notFound {
            live = nil
        }
        guard let live else {
            let created = try await client.cluster.createObject(
                kind, object, namespace: namespace, options: WriteOptions(dryRun: true))
            return (fileName, nil, created)
        }
        guard let patch = try DiffObjects.patch(manifest: object, live: live) else { return (fileName, live, live) }
        let merged = try await client.patch(
            kind, namespace: namespace, name: name, patch: patch, type: .strategic, options: WriteOptions(dryRun: true))
        return (fileName, live, merged)
    }

    /// kubectl's `CheckDiffErr`: the message, then exit 2.
    private static func fail(_ message: String) -> Never {
        ErrorReporting.printError(message)
        Kctl.exit(withError: ExitCode(2))
    }
}
